export { default as FacilitatorRoomPage, FacilitatorRoom } from './FacilitatorRoomPage';
