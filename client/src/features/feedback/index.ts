export { FeedbackSection } from './FeedbackSection';
export { CaseFeedback, FeedbackOverview } from './FeedbackSummary';
