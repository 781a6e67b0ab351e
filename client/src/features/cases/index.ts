export { default as HomePage } from './HomePage';
export { default as CasePage } from './CasePage';
