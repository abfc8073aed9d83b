// The one fix build.sh makes to beautiful-mermaid before bundling it: a
// sequence diagram's note is laid out as one line however many lines (<br>)
// its text has, so a longer note spills out of its box. The fix sizes the
// note's box as renderNote draws its text (measureMultilineText).
const fs = require("fs");
const file = process.argv[2];
const old = `const noteW = Math.max(
          SEQ.noteWidth,
          estimateTextWidth(note.text, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel) + SEQ.notePadX * 2
        );
        const noteH = FONT_SIZES.edgeLabel + SEQ.notePadY * 2;`;
const fix = `const noteSize = measureMultilineText(note.text, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel);
        const noteW = Math.max(SEQ.noteWidth, noteSize.width + SEQ.notePadX * 2);
        const noteH = FONT_SIZES.edgeLabel + (noteSize.lines.length - 1) * noteSize.lineHeight + SEQ.notePadY * 2;`;
const src = fs.readFileSync(file, "utf8");
if (!src.includes(old)) {
  console.error("fix-notes.js: the note layout to fix is not in " + file + " (fixed upstream?)");
  process.exit(1);
}
fs.writeFileSync(file, src.replace(old, fix));
