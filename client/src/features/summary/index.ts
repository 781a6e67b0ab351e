export { default as SummaryPage } from './SummaryPage';
