package config

import (
	"strings"
	"unicode"
)

// placeholderTitles are the titles of a part of a book (its opening page,
// its contents) rather than of the book, lower-cased: a home page so
// titled does not name the site.
var placeholderTitles = map[string]bool{}

func init() {
	for _, t := range strings.Split(`introduction|intro|overview|welcome|home|readme|index|about|getting started|`+
		`table of contents|summary|contents|`+
		`accueil|présentation|aperçu|bienvenue|table des matières|sommaire|`+
		`introducción|inicio|bienvenido|bienvenida|resumen|tabla de contenidos|índice|`+
		`einleitung|einführung|übersicht|willkommen|startseite|inhalt|inhaltsverzeichnis|`+
		`introdução|início|visão geral|bem-vindo|sumário|introduzione|panoramica|benvenuto|indice|`+
		`inleiding|overzicht|welkom`, "|") {
		placeholderTitles[t] = true
	}
}

// PlaceholderTitle reports whether t names a part of a book rather than
// the book: "Introduction", "Overview", "Table of contents", in the
// languages folio knows them in.
func PlaceholderTitle(t string) bool {
	// Without the emoji or marks around it: "Welcome 👋" is GitBook's
	// default home title (t45).
	t = strings.TrimFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	return placeholderTitles[strings.ToLower(t)]
}
