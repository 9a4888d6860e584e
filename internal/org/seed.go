package org

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

//go:embed data/norway-municipalities.csv data/norway-counties.csv
var referenceData embed.FS

// others are the organisations that are not municipalities or counties: KS, which
// runs the networks, and the state partners the KS resolution asks to bring in.
var others = []struct {
	key  string
	name string
	kind Kind
}{
	{"ks", "KS – Kommunesektorens organisasjon", KindKS},
	{"state:kulturradet", "Kulturrådet (Arts Council Norway)", KindState},
	{"state:nasjonalbiblioteket", "Nasjonalbiblioteket", KindState},
	{"state:kulturtanken", "Kulturtanken – Den kulturelle skolesekken Norge", KindState},
	{"state:kulturskoleradet", "Norsk kulturskoleråd", KindState},
}

// Reference returns every organisation Samspill knows from the start, read from
// the embedded reference data.
func Reference() ([]Org, error) {
	counties, err := readCSV("data/norway-counties.csv",
		[]string{"number", "name", "other_names", "other_names_lang", "official_name", "municipality_count"})
	if err != nil {
		return nil, err
	}
	municipalities, err := readCSV("data/norway-municipalities.csv",
		[]string{"number", "name", "county_number", "county_name", "other_names", "other_names_lang", "official_name", "ssb_name"})
	if err != nil {
		return nil, err
	}
	var orgs []Org
	for _, c := range counties {
		o := Org{Name: c["name"], Kind: KindCounty, Number: c["number"], CountyNumber: c["number"],
			CountyName: c["name"], OtherNames: split(c["other_names"]), OfficialName: c["official_name"]}
		orgs = append(orgs, o.withDerived("county:"+o.Number))
	}
	for _, m := range municipalities {
		o := Org{Name: m["name"], Kind: KindMunicipality, Number: m["number"], CountyNumber: m["county_number"],
			CountyName: m["county_name"], OtherNames: split(m["other_names"]), OfficialName: m["official_name"]}
		orgs = append(orgs, o.withDerived("municipality:"+o.Number))
	}
	for _, x := range others {
		orgs = append(orgs, Org{Name: x.name, Kind: x.kind}.withDerived(x.key))
	}
	return orgs, nil
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

// readCSV reads a reference file and checks its header, so a changed file fails
// loudly in tests instead of seeding wrong names.
func readCSV(name string, header []string) ([]map[string]string, error) {
	f, err := referenceData.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	got, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if strings.Join(got, ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("%s: header is %v, want %v", name, got, header)
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			row[h] = strings.TrimSpace(rec[i])
		}
		rows = append(rows, row)
	}
}
