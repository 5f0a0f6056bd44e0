/**
 * The readiness card of an opportunity (issue 16): the roles with the team builder's coverage and named
 * gaps, the team it proposes, the included assets with their status and own deadlines, the route as a
 * checklist the desk keeps, and what blocks it. The team comes from the team builder itself (injected),
 * so the card and the team page never disagree.
 */
import { eq } from 'drizzle-orm';
import { authorize } from '../../../auth/policy.js';
import type { Principal } from '../../../auth/principal.js';
import type { Database } from '../../../db/client.js';
import { assets, opportunityAssets } from '../../../db/schema.js';
import { ValidationError } from '../../../errors.js';
import { toIso } from '../../shared/schemas.js';
import { readableRowOr404 } from '../../shared/versioned.js';
import { OPPORTUNITY_SPEC, type OpportunityRow } from '../opportunities.repository.js';
import { blockersOf, dayIn } from './blockers.js';
import { renderReadinessPdf } from './readiness.pdf.js';
import {
  checklistFor,
  checklistItem,
  writeChecklistItem,
  type ChecklistRow,
} from './checklist.repository.js';
import type { ChecklistItemView, Readiness, UpdateChecklistItem } from './readiness.schema.js';
import { routeFor, stepOf, type OpportunityKind, type ReadinessLang } from './route-template.js';

/** What the card needs of the team builder's answer. */
export interface TeamForReadiness {
  teamScore: number;
  coverage: number;
  roles: {
    roleId: string;
    occupationLabel: string | null;
    required: number;
    filled: number;
    missing: number;
    members: { code: string; score: number }[];
  }[];
  missingRoles: { occupationLabel: string | null; missing: number }[];
}
export type TeamBuilder = (
  id: string,
  principal: Principal,
  lang: ReadinessLang,
) => Promise<TeamForReadiness>;

function itemView(row: ChecklistRow, lang: ReadinessLang, today: string): ChecklistItemView {
  const step = stepOf(row.stepCode)!;
  return {
    id: row.id,
    stepCode: row.stepCode,
    stage: step.stage,
    label: step.label[lang],
    detail: step.detail[lang],
    sources: step.sources,
    done: row.done,
    doneAt: toIso(row.doneAt),
    dueDate: row.dueDate,
    note: row.note,
    overdue: !row.done && row.dueDate !== null && row.dueDate < today,
    version: row.version,
    updatedAt: toIso(row.updatedAt)!,
  };
}

const routeOf = (o: OpportunityRow) => routeFor(o.kind as OpportunityKind, o.municipalityCountry);

export function createReadinessService(db: Database, team: TeamBuilder) {
  const service = {
    /** The card as a PDF of one or two pages, from the same card the screen shows. */
    async pdf(id: string, lang: ReadinessLang, principal: Principal, now = new Date()) {
      return renderReadinessPdf(db, await service.get(id, lang, principal, now), lang, principal, now);
    },

    async get(id: string, lang: ReadinessLang, principal: Principal, now = new Date()): Promise<Readiness> {
      const o = await readableRowOr404(db, OPPORTUNITY_SPEC, id, principal);
      const today = dayIn(now);
      const [built, rows, linked] = await Promise.all([
        team(id, principal, lang),
        checklistFor(db, id, routeOf(o)),
        db
          .select({ asset: assets })
          .from(opportunityAssets)
          .innerJoin(assets, eq(assets.id, opportunityAssets.assetId))
          .where(eq(opportunityAssets.opportunityId, id)),
      ]);
      const included = linked
        .map(({ asset: a }) => ({
          id: a.id,
          title: a.title,
          inventoryNumber: a.inventoryNumber,
          kind: a.kind,
          status: a.status,
          availability: a.availability,
          availableUntil: a.availableUntil,
          deadlineKind: a.availableUntil
            ? a.availability === 'auction'
              ? ('auction' as const)
              : ('available_until' as const)
            : null,
          lastVerifiedAt: toIso(a.lastVerifiedAt),
          ended: a.endedAt !== null,
        }))
        .sort((a, b) => a.inventoryNumber.localeCompare(b.inventoryNumber));
      const checklist = rows.map((r) => itemView(r, lang, today));
      return {
        opportunity: {
          id: o.id,
          deskId: o.deskId,
          title: o.title,
          kind: o.kind,
          status: o.status,
          country: o.municipalityCountry,
          deadline: o.deadline,
          capitalNeededEur: o.capitalNeededEur,
          version: o.version,
        },
        coverage: built.coverage,
        teamScore: built.teamScore,
        roles: built.roles.map((r) => ({
          roleId: r.roleId,
          occupationLabel: r.occupationLabel,
          required: r.required,
          filled: r.filled,
          missing: r.missing,
          members: r.members.map((m) => ({ code: m.code, score: m.score })),
        })),
        assets: included,
        checklist,
        blockers: blockersOf({
          today,
          opportunity: o,
          missingRoles: built.missingRoles,
          assets: included,
          checklist,
        }),
        asOf: today,
      };
    },

    /** Only the opportunity's desk (and admins) keep its checklist: the one policy decides. */
    async updateItem(
      id: string,
      itemId: string,
      patch: UpdateChecklistItem,
      lang: ReadinessLang,
      principal: Principal,
      now = new Date(),
    ): Promise<ChecklistItemView> {
      const row = await db.transaction(async (tx) => {
        const o = await readableRowOr404(tx, OPPORTUNITY_SPEC, id, principal);
        authorize(principal, 'write', 'opportunity', { deskId: o.deskId }, { entity: 'opportunity', id });
        if (o.endedAt) throw new ValidationError([{ path: 'id', reason: 'the opportunity has ended' }]);
        const current = await checklistItem(tx, id, itemId);
        return writeChecklistItem(tx, current, patch.version, {
          ...(patch.done !== undefined
            ? { done: patch.done, doneAt: patch.done ? (current.done ? current.doneAt : now) : null }
            : {}),
          ...(patch.dueDate !== undefined ? { dueDate: patch.dueDate } : {}),
          ...(patch.note !== undefined ? { note: patch.note } : {}),
        });
      });
      return itemView(row, lang, dayIn(now));
    },
  };
  return service;
}
export type ReadinessService = ReturnType<typeof createReadinessService>;
