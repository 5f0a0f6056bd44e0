/**
 * The readiness card as a PDF of one or two pages, with the offer pack's generator
 * (documents/pdf-document.ts) and its issuer header: reference, date, desk and contact.
 */
import type { Principal } from '../../../auth/principal.js';
import type { Database } from '../../../db/client.js';
import { deskLine, issuerHeader, issuerOf, referenceFileName } from '../../../documents/issuer.js';
import { renderPdfSheet, type PdfSection } from '../../../documents/pdf-document.js';
import { assetValueLabel, fill } from '../../assets/index.js';
import { BLOCKER_TEXT, KIND_LABELS, READINESS_TEXT } from './readiness.labels.js';
import type { Blocker, Readiness } from './readiness.schema.js';
import type { ReadinessLang } from './route-template.js';

const LOCALES: Record<ReadinessLang, string> = { it: 'it-IT', fr: 'fr-FR', en: 'en-GB' };
/** Notes are cut on the sheet so the route fits; the whole note stays on screen. */
const MAX_NOTE_CHARS = 140;
/** Members listed on paper: enough for a small firm's team, few enough for two pages. */
const MAX_MEMBERS = 24;

export async function renderReadinessPdf(
  db: Database,
  card: Readiness,
  lang: ReadinessLang,
  principal: Principal,
  now = new Date(),
) {
  const t = READINESS_TEXT[lang];
  const dateFmt = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'Europe/Rome' });
  // Calendar dates (YYYY-MM-DD) are days, not instants: formatted at noon UTC so no zone moves them.
  const day = (iso: string) => dateFmt.format(new Date(`${iso.slice(0, 10)}T12:00:00Z`));
  const nf = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 0 });
  const status = (code: string) => (code === 'ended' ? t.ended : assetValueLabel('status', code, lang));
  const o = card.opportunity;

  const summary: [string, string][] = [
    [t.kind, KIND_LABELS[lang][o.kind] ?? o.kind],
    [t.status, status(o.status)],
  ];
  if (o.deadline) summary.push([t.deadline, day(o.deadline)]);
  if (o.capitalNeededEur !== null) summary.push([t.capital, `${nf.format(o.capitalNeededEur)} €`]);
  summary.push([t.coverage, `${Math.round(card.coverage * 100)} %`]);

  const roleName = (label: string | null) => label ?? t.unnamedRole;
  const members = card.roles.flatMap((r) =>
    r.members.map((m) => [m.code, roleName(r.occupationLabel)] as [string, string]),
  );
  const blockerLine = (b: Blocker) =>
    fill(BLOCKER_TEXT[lang][b.code], {
      subject: b.subject ?? '',
      date: b.date ? day(b.date) : '',
      count: b.count ?? '',
      status: b.status ? status(b.status) : '',
    });

  const sections: PdfSection[] = [
    { kind: 'facts', heading: t.summary, rows: summary },
    {
      kind: 'text',
      heading: t.blockers,
      text: card.blockers.length ? card.blockers.map((b) => `• ${blockerLine(b)}`).join('\n') : t.noBlockers,
    },
    {
      kind: 'table',
      heading: t.roles,
      columns: [t.role, t.filled],
      rows: card.roles.map((r) => [
        roleName(r.occupationLabel),
        `${r.filled} / ${r.required}${r.missing > 0 ? ` · ${fill(t.missing, { n: r.missing })}` : ''}`,
      ]),
    },
    {
      kind: 'table',
      heading: t.team,
      columns: [t.member, t.memberRole],
      rows: members.slice(0, MAX_MEMBERS),
      note: t.teamNote,
      empty: t.teamEmpty,
    },
    {
      kind: 'table',
      heading: t.assets,
      columns: [t.asset, t.assetState],
      rows: card.assets.map((a) => [
        `${a.title} (${a.inventoryNumber})`,
        [
          status(a.ended ? 'ended' : a.status),
          a.availableUntil
            ? fill(a.deadlineKind === 'auction' ? t.auction : t.until, { date: day(a.availableUntil) })
            : '',
        ]
          .filter(Boolean)
          .join(' · '),
      ]),
      empty: t.assetsEmpty,
    },
    {
      kind: 'table',
      heading: t.route,
      columns: [t.step, t.due],
      rows: card.checklist.map((s) => [
        `${s.done ? '[x]' : '[ ]'} ${s.label}`,
        [s.dueDate ? day(s.dueDate) : '', s.done ? t.done : '', cut(s.note)].filter(Boolean).join(' · '),
      ]),
      note: t.routeNote,
    },
  ];

  const issuer = await issuerOf(db, o.deskId, principal);
  const stamp = now.toISOString().slice(0, 10).replaceAll('-', '');
  const reference = `${issuer.desk?.code ?? 'RIL'}-OPP-${o.id.slice(0, 8).toUpperCase()}-${stamp}`;
  const pdf = await renderPdfSheet({
    lang,
    title: o.title,
    subtitle: `${t.title} · ${KIND_LABELS[lang][o.kind] ?? o.kind}`,
    header: issuerHeader(issuer, t, reference, dateFmt.format(now)),
    sections,
    footer: fill(t.footer, { desk: issuer.desk?.name ?? '' }),
    pageLabel: (n, total) => fill(t.page, { n, total }),
    author: deskLine(issuer),
    subject: t.title,
  });
  return { pdf, filename: referenceFileName('rilancio-readiness', reference) };
}

function cut(note: string): string {
  return note.length <= MAX_NOTE_CHARS ? note : `${note.slice(0, MAX_NOTE_CHARS).trimEnd()}…`;
}
