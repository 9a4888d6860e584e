import { useRef, useState } from 'react';
import {
  Alert,
  Button,
  Field,
  Label,
  Link,
  Paragraph,
  Select,
  Table,
} from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { SearchForm } from '../../../components/SearchForm';
import { Loading } from '../../../components/Loading';
import { LoadMore } from '../../../components/LoadMore';
import { errorMessage } from '../../../i18n/errors';
import {
  JOB_FIELDS,
  ORG_KINDS,
  ROLES,
  isJobField,
  isOrgKind,
  isRole,
  type MemberItem,
  type MembersQuery,
  type NetworkView,
  type Role,
} from '../../../lib/api-types';
import { useCounties } from '../../orgs/api';
import { useMembers, useRemoveMember, useSetRole } from '../api';
import { CoveragePanel } from '../components/CoveragePanel';
import { NoAccess } from '../components/NoAccess';
import { TabHeading, useNetworkContext } from '../context';
import { jobFieldLabel, orgKindLabel, roleLabel, roleLower } from '../labels';

/** The directory's filters live in the address: ?sok=&fylke=&type=&fag=. */
export function memberFilters(params: URLSearchParams): MembersQuery {
  const f: MembersQuery = {};
  const q = params.get('sok')?.trim();
  const county = params.get('fylke');
  const kind = params.get('type');
  const field = params.get('fag');
  if (q) f.q = q;
  if (county && /^\d{2}$/.test(county)) f.county = county;
  if (isOrgKind(kind)) f.orgKind = kind;
  if (isJobField(field)) f.jobField = field;
  return f;
}

type Notice = { kind: 'success' | 'danger'; text: string } | null;

export default function MembersTab() {
  const { network } = useNetworkContext();
  if (!network.permissions.viewMembers) return <NoAccess />;
  return <Members network={network} />;
}

function Members({ network }: { network: NetworkView }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = memberFilters(params);
  // ?kommuner opens the coverage at once (the About tab links here with it).
  const [coverageOpen, setCoverageOpen] = useState(() => params.has('kommuner'));
  const [notice, setNotice] = useState<Notice>(null);
  const [removing, setRemoving] = useState<MemberItem | null>(null);
  const counties = useCounties();
  const members = useMembers(network.slug, filters);
  const remove = useRemoveMember(network.slug);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const rows = members.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.q || filters.county || filters.orgKind || filters.jobField);
  // Whom I may remove, or whose role I may change, the server says per member.
  const showActions = rows.some((m) => m.canRemove);

  function setFilter(name: 'sok' | 'fylke' | 'type' | 'fag', value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  let status = '';
  if (members.isSuccess) {
    status =
      rows.length === 0
        ? filtered
          ? t('members.emptyFiltered')
          : t('members.empty')
        : t('members.shown', { count: rows.length }) + (members.hasNextPage ? ` ${t('members.more')}` : '');
  }

  return (
    <div className="members">
      <TabHeading title={t('networkPage.tabs.members')} />

      <div className="actions">
        <Button
          variant="secondary"
          aria-expanded={coverageOpen}
          aria-controls="coverage-panel"
          onClick={() => setCoverageOpen((o) => !o)}
        >
          {coverageOpen ? t('coverage.hide') : t('coverage.show')}
        </Button>
      </div>
      {coverageOpen && (
        <CoveragePanel slug={network.slug} id="coverage-panel" defaultCounty={user?.org.countyNumber} />
      )}

      <section aria-labelledby="members-filters" className="filters">
        <h3 id="members-filters" className="ds-sr-only">
          {t('members.filtersTitle')}
        </h3>
        <SearchForm
          key={filters.q ?? ''}
          id="members-q"
          label={t('members.search')}
          buttonLabel={t('members.searchButton')}
          clearLabel={t('members.clear')}
          value={filters.q ?? ''}
          onSearch={(q) => setFilter('sok', q)}
        />
        <Field>
          <Label>{t('members.county')}</Label>
          <Select value={filters.county ?? ''} onChange={(e) => setFilter('fylke', e.target.value)}>
            <Select.Option value="">{t('members.allCounties')}</Select.Option>
            {(counties.data ?? []).map((c) => (
              <Select.Option key={c.id} value={c.number ?? ''}>
                {c.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('members.orgKind')}</Label>
          <Select value={filters.orgKind ?? ''} onChange={(e) => setFilter('type', e.target.value)}>
            <Select.Option value="">{t('members.allOrgKinds')}</Select.Option>
            {ORG_KINDS.map((k) => (
              <Select.Option key={k} value={k}>
                {t(`orgKind.${k}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label>{t('members.jobField')}</Label>
          <Select value={filters.jobField ?? ''} onChange={(e) => setFilter('fag', e.target.value)}>
            <Select.Option value="">{t('members.allJobFields')}</Select.Option>
            {JOB_FIELDS.map((f) => (
              <Select.Option key={f} value={f}>
                {t(`jobField.${f}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </section>

      <p role="status" className="results__status">
        {status}
      </p>
      <div role="status" className="status">
        {notice?.kind === 'success' && <Alert data-color="success">{notice.text}</Alert>}
      </div>
      {notice?.kind === 'danger' && (
        <Alert data-color="danger" role="alert">
          {notice.text}
        </Alert>
      )}
      {members.isPending && <Loading />}
      {members.isError && (
        <Alert data-color="danger" role="alert">
          {errorMessage(t, members.error)}
        </Alert>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
          <Table data-size="sm" className="members__table">
            <caption className="ds-sr-only">{t('members.caption', { name: network.name })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('members.name')}</Table.HeaderCell>
                <Table.HeaderCell>{t('members.org')}</Table.HeaderCell>
                <Table.HeaderCell>{t('members.county')}</Table.HeaderCell>
                <Table.HeaderCell>{t('members.jobField')}</Table.HeaderCell>
                <Table.HeaderCell>{t('members.role')}</Table.HeaderCell>
                {showActions && <Table.HeaderCell>{t('members.actions')}</Table.HeaderCell>}
              </Table.Row>
            </Table.Head>
            <Table.Body ref={listRef}>
              {rows.map((m) => (
                <MemberRow
                  key={`${m.userId}:${m.role}`}
                  network={network}
                  member={m}
                  isMe={m.userId === user?.id}
                  showActions={showActions}
                  onRemove={() => {
                    remove.reset();
                    setRemoving(m);
                  }}
                  onNotice={setNotice}
                />
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {rows.length === 0 && members.isSuccess && filtered && (
        <Paragraph>
          <Link asChild>
            <RouterLink to={`/nettverk/${network.slug}/medlemmer`}>{t('members.showAll')}</RouterLink>
          </Link>
        </Paragraph>
      )}
      <LoadMore
        hasNextPage={members.hasNextPage}
        isFetchingNextPage={members.isFetchingNextPage}
        fetchNextPage={() => members.fetchNextPage()}
        count={rows.length}
        listRef={listRef}
      />

      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return;
          const who = removing;
          remove.mutate(who.userId, {
            onSuccess: () => {
              setRemoving(null);
              setNotice({ kind: 'success', text: t('members.removed', { name: who.name }) });
            },
          });
        }}
        title={t('members.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('members.removeConfirm')}
        pending={remove.isPending}
        error={remove.error ? errorMessage(t, remove.error) : undefined}
      >
        {t('members.removeBody', { name: removing?.name ?? '' })}
      </ConfirmDialog>
    </div>
  );
}

function MemberRow({
  network,
  member: m,
  isMe,
  showActions,
  onRemove,
  onNotice,
}: {
  network: NetworkView;
  member: MemberItem;
  isMe: boolean;
  showActions: boolean;
  onRemove: () => void;
  onNotice: (n: Notice) => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(m.role);
  const setRoleMutation = useSetRole(network.slug);
  const selectId = `role-${m.userId}`;

  return (
    <Table.Row>
      <Table.HeaderCell scope="row">
        <Link asChild>
          <RouterLink to={`/personer/${m.userId}`}>{m.name}</RouterLink>
        </Link>
        {isMe && <span className="muted"> {t('members.you')}</span>}
        {m.jobTitle && <div className="muted small">{m.jobTitle}</div>}
      </Table.HeaderCell>
      <Table.Cell>
        {m.orgName}
        <div className="muted small">{orgKindLabel(t, m.orgKind)}</div>
      </Table.Cell>
      <Table.Cell>{m.countyName || '–'}</Table.Cell>
      <Table.Cell>{jobFieldLabel(t, m.jobField)}</Table.Cell>
      <Table.Cell>
        {m.canChangeRole ? (
          <div className="role-edit">
            <Field data-size="sm">
              <Label htmlFor={selectId} className="ds-sr-only">
                {t('members.roleFor', { name: m.name })}
              </Label>
              <Select
                id={selectId}
                value={role}
                onChange={(e) => {
                  if (isRole(e.target.value)) setRole(e.target.value);
                }}
              >
                {ROLES.map((r) => (
                  <Select.Option key={r} value={r}>
                    {roleLabel(t, r)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
            {role !== m.role && (
              <Button
                data-size="sm"
                loading={setRoleMutation.isPending}
                aria-label={t('members.saveRoleFor', { name: m.name })}
                onClick={() =>
                  setRoleMutation.mutate(
                    { userId: m.userId, role },
                    {
                      onSuccess: () =>
                        onNotice({
                          kind: 'success',
                          text: t('members.roleSaved', { name: m.name, role: roleLower(t, role) }),
                        }),
                      onError: (error) => {
                        setRole(m.role);
                        onNotice({ kind: 'danger', text: errorMessage(t, error) });
                      },
                    },
                  )
                }
              >
                {t('members.saveRole')}
              </Button>
            )}
          </div>
        ) : (
          roleLabel(t, m.role)
        )}
      </Table.Cell>
      {showActions && (
        <Table.Cell>
          {m.canRemove && (
            <Button
              variant="tertiary"
              data-color="danger"
              data-size="sm"
              aria-haspopup="dialog"
              aria-label={t('members.removeFor', { name: m.name })}
              onClick={onRemove}
            >
              {t('members.remove')}
            </Button>
          )}
        </Table.Cell>
      )}
    </Table.Row>
  );
}
