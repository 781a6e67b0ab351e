export { CaptionControls } from './CaptionControls';
export { CaptionerDesk } from './CaptionerDesk';
export { CaptionsOverlay } from './CaptionsOverlay';
