package markdown

import "folio/internal/glossary"

// Glossary is the glossary whose terms a page links (ParseOptions'
// Glossary): package glossary reads it from the book's GLOSSARY.md, and
// the parser only takes it, so that reading a space and parsing a page
// stay independent.
type Glossary = glossary.Glossary

// GlossaryTerm is one entry of a Glossary.
type GlossaryTerm = glossary.Term
