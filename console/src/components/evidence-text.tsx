import type { TextPiece } from '../../../shared/adapters/http/console-views';
import { handleWords, LABEL_NAMES } from '../words';

/** A handle as a chip: its kind, its reference in the case, and the other sellers seen with it. */
export function HandleChip({ handle }: { handle: Extract<TextPiece, { type: 'handle' }> }) {
  const others = handle.otherSellers.length > 0 ? ` (${handle.otherSellers.join(', ')})` : '';
  return (
    <span className={`chip chip-${handle.kind}`} title={`${handleWords(handle)}${others}`}>
      {handleWords(handle)}
    </span>
  );
}

/** Evidence text: labelled phrases highlighted (with the label for screen readers), handles as chips. */
export function EvidenceText({ pieces }: { pieces: readonly TextPiece[] }) {
  const runs: { label: string | undefined; pieces: TextPiece[] }[] = [];
  for (const piece of pieces) {
    const last = runs.at(-1);
    if (last && last.label === piece.label) last.pieces.push(piece);
    else runs.push({ label: piece.label, pieces: [piece] });
  }
  const render = (piece: TextPiece, index: number) => (piece.type === 'text' ? <span key={index}>{piece.text}</span> : <HandleChip key={index} handle={piece} />);
  return (
    <span className="evidence-text">
      {runs.map((run, index) =>
        run.label ? (
          <mark key={index} className={`label label-${run.label}`} title={LABEL_NAMES[run.label]}>
            <span className="visually-hidden">[{LABEL_NAMES[run.label]}: </span>
            {run.pieces.map(render)}
            <span className="visually-hidden">]</span>
          </mark>
        ) : (
          <span key={index}>{run.pieces.map(render)}</span>
        ),
      )}
    </span>
  );
}
