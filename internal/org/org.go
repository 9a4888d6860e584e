// Package org knows the organisations people work for: Norway's 357 municipalities
// and 15 counties (reference data embedded in the binary), KS and the state partners.
package org

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Kind is what sort of organisation it is.
type Kind string

const (
	KindMunicipality Kind = "municipality"
	KindCounty       Kind = "county"
	KindState        Kind = "state"
	KindKS           Kind = "ks"
)

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	switch k {
	case KindMunicipality, KindCounty, KindState, KindKS:
		return true
	}
	return false
}

// Org is an organisation.
type Org struct {
	ID           string   `json:"id"`
	Name         string   `json:"name" doc:"Name in Norwegian (Bokmål form)"`
	Kind         Kind     `json:"kind" enum:"municipality,county,state,ks"`
	Number       string   `json:"number,omitempty" doc:"Kommunenummer (4 digits) or fylkesnummer (2 digits)"`
	CountyNumber string   `json:"countyNumber,omitempty" doc:"The county a municipality lies in; a county's own number"`
	CountyName   string   `json:"countyName,omitempty"`
	OtherNames   []string `json:"otherNames,omitempty" doc:"Official Sami and Kven names"`
	OfficialName string   `json:"officialName,omitempty" doc:"The full official form, e.g. Guovdageaidnu - Kautokeino"`

	// key identifies the organisation across installations ("municipality:0301"),
	// so seeding at every start updates rather than duplicates.
	key string
	// sortName orders lists in Norwegian alphabetical order (æ, ø, å after z).
	sortName string
	// terms are what a prefix search matches: every name and every word in it.
	terms []string
}

// Key is the stable natural key used for seeding.
func (o Org) Key() string { return o.key }

// withDerived fills the fields computed from the names.
func (o Org) withDerived(key string) Org {
	o.key = key
	o.sortName = sortKey(o.Name)
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			o.terms = append(o.terms, s)
		}
	}
	names := append([]string{o.Name, o.OfficialName}, o.OtherNames...)
	for _, n := range names {
		s := searchKey(n)
		if s == "" {
			continue
		}
		add(s)
		add(asciiFold(s))
		// Every later word starts a term too, so "fron" finds Nord-Fron and
		// "kautok" finds "Guovdageaidnu - Kautokeino".
		for i, r := range s {
			if (r == ' ' || r == '-') && i+1 < len(s) {
				w := strings.TrimLeft(s[i+1:], " -")
				add(w)
				add(asciiFold(w))
			}
		}
	}
	return o
}

// searchKey is how names and queries are compared: lower case, Sami and other
// accents folded (á→a, č→c, ŋ→n), but Norwegian æ, ø and å kept as letters.
func searchKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'æ', 'ø', 'å':
			b.WriteRune(r)
			continue
		case 'đ':
			b.WriteRune('d')
			continue
		case 'ŋ':
			b.WriteRune('n')
			continue
		case 'ŧ':
			b.WriteRune('t')
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(d)
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// asciiFold lets people without Norwegian letters find Ålesund as "alesund".
func asciiFold(s string) string {
	return strings.NewReplacer("æ", "ae", "ø", "o", "å", "a").Replace(s)
}

// sortKey maps æ, ø, å after z so byte order is Norwegian alphabetical order.
func sortKey(name string) string {
	return strings.NewReplacer("æ", "{", "ø", "|", "å", "}").Replace(searchKey(name))
}
