/** The meeting page's forms: add a note, correct the meeting, raise an ask, make a commitment. */
export default function MeetingActions() {
  return null;
}
