import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, InviteDto, MeetingDto, PersonDto } from '../../../../shared/protocol/http';
import {
  DEFAULT_PARTY,
  ROLES,
  isFacilitatorRole,
  type Party,
  type Role,
} from '../../../../shared/room/roles';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField, TextField } from '../../components/Fields';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { apiPost } from '../../lib/api';
import { HTTP_LIMITS } from '../../lib/contract';
import { partyLabel, roleLabel } from '../../lib/labels';
import { paths } from '../../lib/router';
import { formatDate } from '../../lib/time';
import { useApi } from '../../lib/useApi';
import { SignInForm, useSession } from '../auth';
import { CaseFollowUp } from '../followup';
import { CaseRelay } from '../relay';
import { CaseFeedback } from '../feedback';
import { CaseNotifications } from '../notify';
import { CasePrep, MeetingPrep, NewMeetingOfKind } from '../prep';
import { FacilitatorsSection } from './FacilitatorsSection';
import { InviteRow } from './InviteRow';
import { LanguageField, PersonLanguageControl } from './PersonLanguage';
import { PersonInterpreterControl } from './PersonInterpreter';
import type { Language } from '../../../../shared/i18n/languages';
import { currentLanguage } from '../../i18n/language';
import { useSubmit } from '../../lib/useSubmit';
import { canBeInterpretedFor } from '../../../../shared/room/interpreters/mode';
import { InterpreterLinkFields, type LinkDraft } from '../interpreters';

type SetCase = (update: (c: CaseDto) => CaseDto) => void;

/**
 * The roles a person on a case may have, and each one's party (research/domain.md §5.1). The
 * facilitator roles are not offered: facilitators join with their own account (server-checked in
 * ADD_PERSON_BODY too).
 */
const PERSON_ROLES = ROLES.filter((r) => !isFacilitatorRole(r));
const PERSON_PARTIES = [...new Set(PERSON_ROLES.map((r) => DEFAULT_PARTY[r]))];

function AddPersonForm({
  caseId,
  people,
  onAdded,
}: {
  caseId: string;
  people: readonly PersonDto[];
  onAdded: (p: PersonDto) => void;
}) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('patient');
  const [language, setLanguage] = useState<Language>(currentLanguage);
  // Issue 17: an interpreter is linked on their invite to the person they interpret for.
  const [link, setLink] = useState<LinkDraft>({ memberId: '', mode: 'spoken' });
  // The party always follows from the role; choosing a party first narrows the roles.
  const party: Party = DEFAULT_PARTY[role];
  const { submit, busy, error } = useSubmit(async () => {
    const p = await apiPost<PersonDto>(`/api/cases/${encodeURIComponent(caseId)}/people`, {
      displayName: displayName.trim(),
      party,
      role,
      language,
      ...(role === 'interpreter' && link.memberId ? { interpretsFor: link } : {}),
    });
    onAdded(p);
    setDisplayName('');
    setLink({ memberId: '', mode: 'spoken' });
  });
  return (
    <form className="form form--inline" onSubmit={submit} aria-labelledby="add-person-h">
      <h3 id="add-person-h">{t('case.addPersonHeading')}</h3>
      <TextField
        label={t('case.displayName')}
        hint={t('case.displayNameHint')}
        required
        maxLength={HTTP_LIMITS.displayName}
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
      />
      <SelectField
        label={t('case.party')}
        hint={t('case.partyHint')}
        options={PERSON_PARTIES.map((p) => ({ value: p, label: partyLabel(t, p) }))}
        value={party}
        onChange={(e) => {
          const p = e.target.value as Party;
          setRole(PERSON_ROLES.find((r) => DEFAULT_PARTY[r] === p) ?? role);
        }}
      />
      <SelectField
        label={t('case.role')}
        hint={t('case.roleHint')}
        options={PERSON_ROLES.filter((r) => DEFAULT_PARTY[r] === party).map((r) => ({
          value: r,
          label: roleLabel(t, r),
        }))}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
      />
      {role === 'interpreter' ? (
        <InterpreterLinkFields
          people={people
            .filter(canBeInterpretedFor)
            .map((p) => ({ id: p.id, name: p.displayName }))}
          value={link}
          onChange={setLink}
        />
      ) : null}
      <LanguageField value={language} onChange={setLanguage} />
      <ErrorMessage error={error} />
      <button
        type="submit"
        className="button button--primary"
        disabled={busy || !displayName.trim()}
      >
        {t('case.addPerson')}
      </button>
    </form>
  );
}

function CreateMeetingForm({
  caseId,
  onCreated,
}: {
  caseId: string;
  onCreated: (m: MeetingDto) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [floorMode, setFloorMode] = useState<'gentle' | 'protected'>('gentle');
  const { submit, busy, error } = useSubmit(async () => {
    const m = await apiPost<MeetingDto>(`/api/cases/${encodeURIComponent(caseId)}/meetings`, {
      title: title.trim(),
      floorMode,
    });
    onCreated(m);
    setTitle('');
  });
  return (
    <form className="form form--inline" onSubmit={submit} aria-labelledby="new-meeting-h">
      <h3 id="new-meeting-h">{t('case.newMeetingHeading')}</h3>
      <TextField
        label={t('case.meetingTitle')}
        hint={t('cases.titleHint')}
        required
        maxLength={HTTP_LIMITS.title}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <SelectField
        label={t('case.floorMode')}
        hint={t('floorControls.modeHint')}
        options={[
          { value: 'gentle', label: t('floorControls.mode.gentle') },
          { value: 'protected', label: t('floorControls.mode.protected') },
        ]}
        value={floorMode}
        onChange={(e) => setFloorMode(e.target.value as 'gentle' | 'protected')}
      />
      <ErrorMessage error={error} />
      <button type="submit" className="button button--primary" disabled={busy || !title.trim()}>
        {t('case.createMeeting')}
      </button>
    </form>
  );
}

function MeetingSection({
  c,
  meeting,
  setCase,
  canEdit,
}: {
  c: CaseDto;
  meeting: MeetingDto;
  setCase: SetCase;
  /** Only the lead of an open case adds people, meetings and links. */
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const headingId = `meeting-${meeting.id}`;
  const onInvite = (inv: InviteDto) =>
    setCase((old) => ({ ...old, invites: [...old.invites.filter((i) => i.id !== inv.id), inv] }));
  return (
    <section className="meeting" aria-labelledby={headingId}>
      <h3 id={headingId}>{meeting.title}</h3>
      <p className="field__hint">
        {t(`case.meetingStatus.${meeting.status}`)} ·{' '}
        {t('case.createdOn', { date: formatDate(meeting.createdAt, i18n.language) })}
      </p>
      <p className="actions">
        <Link to={paths.meet(meeting.id)} className="button button--primary">
          {t('case.openRoom')}
        </Link>
        {meeting.status === 'ended' ? (
          <Link to={paths.meetSummary(meeting.id)}>{t('ended.summaryLink')}</Link>
        ) : null}
      </p>
      <MeetingPrep
        key={(meeting.memberIds ?? []).join()}
        c={c}
        meeting={meeting}
        canEdit={canEdit}
      />
      {!canEdit ? null : c.people.length === 0 ? (
        <p className="muted">{t('case.noPeopleForInvites')}</p>
      ) : (
        <table className="invites">
          <caption className="visually-hidden">
            {t('case.invitesCaption', { meeting: meeting.title })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('case.person')}</th>
              <th scope="col">{t('case.inviteLink')}</th>
            </tr>
          </thead>
          <tbody>
            {c.people
              .filter((p) => meeting.memberIds?.includes(p.id) ?? true)
              .map((p) => (
                <InviteRow
                  key={p.id}
                  person={p}
                  meeting={meeting}
                  invites={c.invites.filter(
                    (i) => i.meetingId === meeting.id && i.personId === p.id,
                  )}
                  onInvite={onInvite}
                />
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CaseBody({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const res = useApi<CaseDto>(`/api/cases/${encodeURIComponent(caseId)}`);
  const c = res.data;
  const setCase: SetCase = (update) => res.setData((old) => (old ? update(old) : old));
  if (res.error) {
    return (
      <Page screen="case" title={t('case.notFound')}>
        <ErrorMessage error={res.error} />
        <Link to={paths.home()}>{t('cases.backToCases')}</Link>
      </Page>
    );
  }
  if (!c) {
    return (
      <Page screen="loading" title={t('common.loading')}>
        <p className="muted">{t('common.pleaseWait')}</p>
      </Page>
    );
  }
  const canEdit = c.viewerIsLead && c.closedAt === null;
  const onPersonChanged = (next: PersonDto) =>
    setCase((old) => ({ ...old, people: old.people.map((x) => (x.id === next.id ? next : x)) }));
  return (
    <Page screen="case" title={c.title} wide>
      <p>
        <Link to={paths.home()}>{t('cases.backToCases')}</Link>
      </p>
      {c.closedAt !== null ? (
        <Notice tone="info">
          <p>{t('case.closedNotice')}</p>
        </Notice>
      ) : !c.viewerIsLead ? (
        <Notice tone="info">
          <p>{t('case.cofacilitatorNotice', { name: c.lead.name })}</p>
        </Notice>
      ) : null}
      <FacilitatorsSection c={c} onCase={(next) => setCase(() => next)} />
      <section aria-labelledby="people-h">
        <h2 id="people-h">{t('case.people')}</h2>
        {c.people.length === 0 ? <p className="muted">{t('case.noPeople')}</p> : null}
        <ul className="people__list">
          {c.people.map((p) => (
            <li key={p.id} className="people__item">
              <span className="people__name">{p.displayName}</span>
              <span className="people__role">
                {p.interpretsFor
                  ? t(p.interpretsFor.mode === 'sign' ? 'interpreter.signFor' : 'interpreter.for', {
                      name:
                        c.people.find((x) => x.id === p.interpretsFor?.memberId)?.displayName ?? '',
                    })
                  : roleLabel(t, p.role)}{' '}
                · {partyLabel(t, p.party)}
              </span>
              {canEdit ? (
                <PersonLanguageControl caseId={c.id} person={p} onChanged={onPersonChanged} />
              ) : null}
              {canEdit && p.role === 'interpreter' ? (
                <PersonInterpreterControl
                  caseId={c.id}
                  person={p}
                  people={c.people}
                  onChanged={onPersonChanged}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {canEdit ? (
          <AddPersonForm
            caseId={c.id}
            people={c.people}
            onAdded={(p) => setCase((old) => ({ ...old, people: [...old.people, p] }))}
          />
        ) : null}
      </section>
      <section aria-labelledby="meetings-h">
        <h2 id="meetings-h">{t('case.meetings')}</h2>
        {c.meetings.length === 0 ? <p className="muted">{t('case.noMeetings')}</p> : null}
        {c.meetings.map((m) => (
          <MeetingSection key={m.id} c={c} meeting={m} setCase={setCase} canEdit={canEdit} />
        ))}
        {canEdit ? (
          <CreateMeetingForm
            caseId={c.id}
            onCreated={(m) => setCase((old) => ({ ...old, meetings: [...old.meetings, m] }))}
          />
        ) : null}
        {canEdit ? (
          <NewMeetingOfKind
            c={c}
            onCreated={(m) => setCase((old) => ({ ...old, meetings: [...old.meetings, m] }))}
          />
        ) : null}
      </section>
      <CaseFollowUp caseId={c.id} canEdit={canEdit} />
      <CaseRelay caseId={c.id} canEdit={canEdit} />
      <CaseFeedback caseId={c.id} />
      <CaseNotifications caseId={c.id} people={c.people} canEdit={canEdit} />
      <CasePrep c={c} canEdit={c.closedAt === null} />
    </Page>
  );
}

/** /cases/:caseId — people, meetings and invite links. */
export default function CasePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const me = useSession();
  if (me.loading && !me.data) {
    return (
      <Page screen="loading" title={t('common.loading')}>
        <p className="muted">{t('common.pleaseWait')}</p>
      </Page>
    );
  }
  if (!me.data) return <SignInForm onSignedIn={() => me.reload()} />;
  return <CaseBody caseId={caseId} />;
}
