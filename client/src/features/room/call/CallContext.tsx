import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { AppConfigDto } from '../../../../../shared/protocol/http';
import type { RoomView } from '../../../../../shared/room/views';
import { useConnection } from '../../../lib/connectionContext';
import type { DeviceChoices } from '../../../lib/deviceChoices';
import { CallController } from './CallController';

const CallContext = createContext<CallController | null>(null);

/** The call of this meeting; throws outside a CallProvider. */
export function useCall(): CallController {
  const c = useContext(CallContext);
  if (!c) throw new Error('useCall() needs a CallProvider');
  return c;
}

/** The call, or null outside a CallProvider (for panels that also work without video). */
export function useMaybeCall(): CallController | null {
  return useContext(CallContext);
}

const noop = () => () => undefined;
const zero = () => 0;

/** Re-renders on every LiveKit change the UI shows (tracks, mutes, quality, state). */
export function useCallVersion(c: CallController | null): number {
  return useSyncExternalStore(c ? c.subscribe : noop, c ? c.getVersion : zero);
}

/**
 * Owns the call for one meeting view and keeps it where the server says: the media room from
 * view.me.media (reconnecting with a new token when it changes), the publish permissions, and
 * camera and microphone off while the person has stepped out.
 */
export function CallProvider({
  view,
  config,
  choices,
  children,
}: {
  view: RoomView;
  config: AppConfigDto | null;
  choices: DeviceChoices;
  children: ReactNode;
}) {
  const conn = useConnection();
  const [controller] = useState(
    () =>
      new CallController(() => conn.mediaToken(), {
        mic: choices.micOn,
        camera: choices.cameraOn,
        micId: choices.micId,
        cameraId: choices.cameraId,
        audioOnly: choices.audioOnly,
      }),
  );
  useEffect(() => () => controller.destroy(), [controller]);

  const media = view.me.media;
  const audio = media?.canPublishAudio ?? false;
  const video = media?.canPublishVideo ?? false;
  useEffect(() => {
    controller.setAllowed(audio, video);
  }, [controller, audio, video]);

  const videoAvailable = config?.videoAvailable !== false;
  const target = videoAvailable && media ? media.room : null;
  useEffect(() => {
    controller.setTarget(target);
  }, [controller, target]);

  // Stepping out turns camera and microphone off; stepping back brings the camera back if it was
  // on, and leaves the microphone for the person to turn on.
  const steppedOut = view.me.steppedOut;
  const cameraBefore = useRef(false);
  useEffect(() => {
    if (steppedOut) {
      cameraBefore.current = controller.wantsCamera;
      void controller.setMic(false);
      void controller.setCamera(false);
    } else if (cameraBefore.current) {
      cameraBefore.current = false;
      void controller.setCamera(true);
    }
  }, [controller, steppedOut]);

  return <CallContext.Provider value={controller}>{children}</CallContext.Provider>;
}
