import type { Request } from 'express';
import type { CaseDto, FacilitatorDto, InviteDto } from '../../../shared/protocol/http';
import { signToken } from '../auth/crypto';
import type { FacilitatorRow, InviteRow } from '../store/ports';
import type { ApiDeps, Guards } from './guards';

/** The shapes the API answers with, built from the store's rows (names only where allowed). */
export function createDtos(deps: Pick<ApiDeps, 'repo' | 'config'>, guards: Guards) {
  const { repo, config } = deps;

  const inviteDto = (req: Request, i: InviteRow): InviteDto => ({
    id: i.id,
    personId: i.person_id,
    meetingId: i.meeting_id,
    url: `${guards.publicUrl(req)}/j/${signToken(config.sessionSecret, 'invite', i.id)}`,
    expiresAt: i.expires_at,
    revokedAt: i.revoked_at,
  });

  const facilitatorDto = (f: FacilitatorDto): FacilitatorDto => ({
    id: f.id,
    email: f.email,
    name: f.name,
  });

  const caseDto = async (
    req: Request,
    caseId: string,
    viewer: FacilitatorRow,
  ): Promise<CaseDto> => {
    const c = (await repo.caseById(caseId))!;
    const [lead, facilitators, people, meetings, invites] = await Promise.all([
      repo.facilitatorById(c.owner_id),
      repo.facilitatorsByCase(c.id),
      repo.peopleByCase(c.id),
      repo.meetingsByCase(c.id),
      repo.invitesByCase(c.id),
    ]);
    return {
      id: c.id,
      title: c.title,
      createdAt: c.created_at,
      closedAt: c.closed_at,
      lead: facilitatorDto(lead!),
      facilitators: facilitators.map(facilitatorDto),
      viewerIsLead: c.owner_id === viewer.id,
      people,
      meetings: await Promise.all(
        meetings.map(async (m) => ({ ...m, memberIds: await repo.memberIdsOf(m.id) })),
      ),
      invites: invites.map((i) => inviteDto(req, i)),
    };
  };

  return { inviteDto, facilitatorDto, caseDto };
}

export type Dtos = ReturnType<typeof createDtos>;
