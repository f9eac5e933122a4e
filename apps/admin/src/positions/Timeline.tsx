import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from '../common/format';
import { STANCE_LABEL_KEYS, stanceColour } from '../common/stance';
import type { Position } from './matrix';

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: Position;
}

/** A month's point, coloured by its mean stance and sized by how many statements it holds. */
const StanceDot = ({ cx, cy, payload }: DotProps) =>
  cx === undefined || cy === undefined || !payload ? null : (
    <circle cx={cx} cy={cy} r={3 + Math.min(6, Math.sqrt(payload.count))} fill={stanceColour(payload.mean)} stroke="#555" />
  );

/** Mean stance per month over the -2…+2 scale (recharts). */
export const Timeline = ({ rows }: { rows: Position[] }) => {
  const translate = useTranslate();
  const { month, signed } = useFormat();
  const points = [...rows].filter((row) => row.month).sort((a, b) => (a.month! < b.month! ? -1 : 1));
  if (points.length === 0) return <Typography color="text.secondary">{translate('positions.no_data')}</Typography>;
  return (
    <Box
      dir="ltr"
      sx={{ overflowX: 'auto', maxWidth: '100%' }}
      data-testid="timeline"
      role="img"
      aria-label={translate('positions.timeline')}
    >
      <LineChart width={720} height={240} data={points} margin={{ left: 90, right: 20, top: 16, bottom: 8 }}>
        <CartesianGrid stroke="#e0e0e0" vertical={false} />
        <XAxis dataKey="month" fontSize={11} tickFormatter={(value: string) => month(value)} />
        <YAxis
          domain={[-2, 2]}
          ticks={[-2, -1, 0, 1, 2]}
          fontSize={11}
          tickFormatter={(value: number) => `${signed(value)} ${translate(STANCE_LABEL_KEYS[value])}`}
        />
        <Tooltip formatter={(value, _name, item) => [`${value} (n=${(item.payload as Position).count})`, translate('positions.mean')]} />
        <Line type="linear" dataKey="mean" stroke="#1976d2" strokeWidth={2} dot={<StanceDot />} isAnimationActive={false} />
      </LineChart>
    </Box>
  );
};
