import { useResource } from "../hooks.js";
import { LoadProblem, Loading, Panel, when } from "./Bits.jsx";

const list = (values) => (values ?? []).join(", ");
const outcome = (value) => String(value ?? "").replace(/-/g, " ");

/** What an event says, in the words of the team; `name(id)` gives an organisation's or person's name where known. */
function describe(type, d, name) {
  switch (type) {
    case "organization_registered": return `Registered ${d.name} (${d.kind}${d.country ? `, ${d.country}` : ""})`;
    case "organization_renamed": return `Renamed from ${d.previousName ?? "?"} to ${d.name}`;
    case "organization_merged": return `Merged into ${d.survivorName} on ${d.mergedOn}. Reason: ${d.reason}`;
    case "organization_absorbed": return `Absorbed ${d.mergedName}, merged into it on ${d.mergedOn}. Reason: ${d.reason}`;
    case "person_registered": return `Registered ${d.name}${d.title ? `, ${d.title}` : ""} at ${name(d.organizationId)}, since ${d.since}`;
    case "person_changed_post": return `Changed post: ${d.title ?? "no title"} at ${name(d.organizationId)}, since ${d.since}`;
    case "meeting_logged": return `Logged the meeting “${d.title}” held on ${d.heldOn}${d.location ? ` at ${d.location}` : ""}` +
      `${d.topics?.length ? `; topics ${list(d.topics)}` : ""}`;
    case "meeting_note_added": return `Added a note (${d.notedOn}): ${d.text}`;
    case "meeting_corrected": {
      const changed = [d.title != null ? `title to “${d.title}”` : null, d.location != null ? `place to “${d.location}”` : null,
        d.topics != null ? `topics to ${list(d.topics) || "none"}` : null, d.summary != null ? "the summary" : null,
        d.sourceUrl != null ? "the source link" : null].filter(Boolean);
      return `Corrected ${changed.join(", ") || "the meeting"}. Reason: ${d.reason}`;
    }
    case "suggestion_raised": return `Raised an ask by ${name(d.raisedById)} to ${name(d.addressedToId)}${d.topic ? ` on ${d.topic}` : ""}: ${d.text}`;
    case "suggestion_responded": return `Recorded a response (${d.respondedOn}): ${d.text}`;
    case "suggestion_resolved": return `Resolved as ${outcome(d.outcome)} on ${d.resolvedOn}${d.note ? `: ${d.note}` : ""}`;
    case "suggestion_reopened": return `Reopened on ${d.reopenedOn}. Reason: ${d.reason}`;
    case "commitment_made": return `Made the commitment “${d.description}” by ${name(d.ownerId)}${d.dueOn ? `, due ${d.dueOn}` : ""}`;
    case "commitment_progressed": return `Progress (${d.notedOn}): ${d.note}`;
    case "commitment_due_date_changed": return `Moved the due date from ${d.previousDueOn ?? "none"} to ${d.dueOn ?? "none"}` +
      `${d.reason ? `. Reason: ${d.reason}` : ""}`;
    case "commitment_fulfilled": return `Fulfilled on ${d.fulfilledOn}${d.note ? `: ${d.note}` : ""}`;
    case "commitment_cancelled": return `Cancelled on ${d.cancelledOn}. Reason: ${d.reason}`;
    case "commitment_fell_overdue": return `Fell overdue (due ${d.dueOn})`;
    case "suggestion_responsible_assigned": case "commitment_responsible_assigned": return `Made ${d.responsibleName} responsible`;
    case "suggestion_responsible_unassigned": case "commitment_responsible_unassigned": return "Left no one responsible";
    case "suggestion_follow_up_scheduled": return d.previousFollowUpOn ? `Moved the next follow-up from ${d.previousFollowUpOn} to ${d.followUpOn}`
      : `Planned the next follow-up for ${d.followUpOn}`;
    case "suggestion_follow_up_cleared": return `Cleared the follow-up planned for ${d.previousFollowUpOn}`;
    case "ask_follow_up_due": return `Reminder: the follow-up is due today (${d.followUpOn})`;
    case "commitment_falling_due": return `Reminder: due on ${d.dueOn}`;
    case "meeting_restricted": return `Restricted ${d.noteId ? "a note" : "the meeting"} to ${(d.allowedUserIds ?? []).map(name).join(", ")}` +
      `${d.reason ? `. Reason: ${d.reason}` : ""}`;
    case "meeting_restriction_changed": return `Changed who may see ${d.noteId ? "a note" : "the meeting"}: ` +
      `${(d.allowedUserIds ?? []).map(name).join(", ")}${d.reason ? `. Reason: ${d.reason}` : ""}`;
    case "meeting_restriction_lifted": return `Lifted the restriction of ${d.noteId ? "a note" : "the meeting"}`;
    default: return type.replace(/_/g, " ");
  }
}

/**
 * Who recorded what and when on one item, oldest first, from GET /api/{kind}/{id}/history. Corrections show their
 * reasons. `names` maps ids the page already knows to names; a new `version` of the item reads the history again.
 */
export default function History({ kind, id, names = {}, version }) {
  const history = useResource(`/api/${kind}/${id}/history`, {}, { when: false, refresh: version });
  const name = (value) => names[value] ?? "an organisation on record";
  return <Panel title="History">
    {history.loading && !history.data ? <Loading /> : null}
    <LoadProblem problem={history.problem} what="the history" />
    {history.data ? <ol className="history">
      {history.data.map((entry) => <li key={entry.sequence}>
        <span className="on">{when(entry.timestamp)}</span>
        <span className="by">{entry.recordedBy ?? "unknown"}</span>
        <span className="what">{describe(entry.type, entry.data ?? {}, name)}</span>
      </li>)}
    </ol> : null}
  </Panel>;
}
