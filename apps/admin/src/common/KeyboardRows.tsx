import { useEffect } from 'react';
import { useListContext } from 'react-admin';

const ROW = '.RaDataTable-clickableRow';

/** Enter opens the focused row; the arrow keys move between rows. */
const onKeyDown = (event: KeyboardEvent) => {
  const row = (event.target as HTMLElement | null)?.closest?.(ROW) as HTMLElement | null;
  if (!row || event.target !== row) return;
  if (event.key === 'Enter') {
    event.preventDefault();
    row.click();
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
    (next as HTMLElement | null)?.focus();
  }
};

/**
 * Makes the rows of the list in view reachable with Tab and usable from the keyboard
 * (react-admin's clickable rows take only the mouse). Rendered inside a list, it renders nothing.
 */
export const KeyboardRows = () => {
  const { data } = useListContext();
  useEffect(() => {
    document.querySelectorAll<HTMLElement>(ROW).forEach((row) => {
      row.tabIndex = 0;
    });
  }, [data]);
  useEffect(() => {
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return null;
};
