import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { STANCE_LABEL_KEYS, formatStance, stanceColour } from '../common/stance';
import type { Position } from './matrix';

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { left: 120, right: 20, top: 16, bottom: 36 };

/** Mean stance per month as a line over the -2…+2 scale (plain SVG: no chart library is installed). */
export const Timeline = ({ rows }: { rows: Position[] }) => {
  const translate = useTranslate();
  const points = [...rows].filter((row) => row.month).sort((a, b) => (a.month! < b.month! ? -1 : 1));
  if (points.length === 0) return <Typography color="text.secondary">{translate('positions.no_data')}</Typography>;
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (points.length === 1 ? innerWidth / 2 : (index * innerWidth) / (points.length - 1));
  const y = (value: number) => PAD.top + ((2 - value) * innerHeight) / 4;
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(point.mean).toFixed(1)}`).join(' ');
  const labelEvery = Math.max(1, Math.ceil(points.length / 12));
  return (
    <Box dir="ltr" sx={{ overflowX: 'auto' }}>
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={translate('positions.timeline')} data-testid="timeline">
        {[-2, -1, 0, 1, 2].map((value) => (
          <g key={value}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} stroke="#e0e0e0" />
            <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end" fontSize="11" fill="#616161">
              {formatStance(value)} {translate(STANCE_LABEL_KEYS[value])}
            </text>
          </g>
        ))}
        <path d={path} fill="none" stroke="#1976d2" strokeWidth={2} />
        {points.map((point, index) => (
          <g key={point.month}>
            <circle
              cx={x(index)}
              cy={y(point.mean)}
              r={3 + Math.min(6, Math.sqrt(point.count))}
              fill={stanceColour(point.mean)}
              stroke="#555"
            >
              <title>{`${point.month}: ${point.mean} (n=${point.count})`}</title>
            </circle>
            {index % labelEvery === 0 && (
              <text x={x(index)} y={HEIGHT - 12} textAnchor="middle" fontSize="11">
                {point.month}
              </text>
            )}
          </g>
        ))}
      </svg>
    </Box>
  );
};
