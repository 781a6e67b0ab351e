import { useState } from 'react';
import type { AppConfigDto } from '../../../../../shared/protocol/http';
import type { RoomView } from '../../../../../shared/room/views';
import type { DeviceChoices } from '../../../lib/deviceChoices';
import { AudioRenderer } from './AudioRenderer';
import { CallProvider, useCall, useCallVersion } from './CallContext';
import { CallStatus } from './CallStatus';
import { MediaControls } from './MediaControls';
import { VideoGrid } from './VideoGrid';
import { WhoCanHear } from '../WhoCanHear';

function Stage({ view, config }: { view: RoomView; config: AppConfigDto | null }) {
  const call = useCall();
  useCallVersion(call);
  const [hideSelf, setHideSelf] = useState(false);
  return (
    <div className="call-stage" data-connection-state={call.state}>
      <CallStatus config={config} />
      <VideoGrid view={view} hideSelf={hideSelf} />
      {/* The check-in is a private call: the person sees in words who hears them here too. */}
      <WhoCanHear view={view} />
      <MediaControls view={view} hideSelf={hideSelf} onHideSelf={setHideSelf} />
      <AudioRenderer />
    </div>
  );
}

/** A call on its own (the private check-in while someone is still in the waiting area). */
export default function CallStage({
  view,
  choices,
  config,
}: {
  view: RoomView;
  choices: DeviceChoices;
  config: AppConfigDto | null;
}) {
  return (
    <CallProvider view={view} config={config} choices={choices}>
      <Stage view={view} config={config} />
    </CallProvider>
  );
}
