export { PracticePage } from './PracticePage';
export { PracticeLink } from './PracticeLink';
