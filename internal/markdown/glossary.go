package markdown

// Glossary is the list of terms of a HonKit book's GLOSSARY.md.
type Glossary struct {
	Page  string // path of the glossary page, the target of term links
	Terms []GlossaryTerm
}

// GlossaryTerm is one entry of a glossary.
type GlossaryTerm struct {
	Name string // as written in the heading
	ID   string // anchor of its heading on the glossary page
	Desc string // plain text of its definition, for the tooltip
}
