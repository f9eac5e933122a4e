export { ExtractPage } from './ExtractPage';
export { ImportPage } from './ImportPage';
