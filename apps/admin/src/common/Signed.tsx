import { useFormat } from './format';

/** A signed number as one left-to-right island: `+2` and `−2` read the same inside Arabic text. */
export const Signed = ({ value }: { value: number }) => (
  <bdi dir="ltr" style={{ unicodeBidi: 'isolate' }}>
    {useFormat().signed(value)}
  </bdi>
);
