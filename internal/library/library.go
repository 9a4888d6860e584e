// Package library is each network's shelf of shared documents: files (PDF,
// Office, OpenDocument, text, CSV, images) and web links, described in
// Markdown, with kinds, topics, an owning organisation, a year and a licence;
// files keep every version; moderators curate collections ("mapper").
//
// Files are streamed into a blob store (see package blob) as they arrive: the
// type is decided from their bytes, ZIP-based documents are checked for zip
// bombs from their central directory, names are sanitised, and identical
// bytes are stored once. Downloads stream out with ETag and Range support.
package library

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/samspill/samspill/internal/apperr"
)

// Kind is what a resource is for.
type Kind string

// Kinds, in the order the web app lists them.
var Kinds = []Kind{"plan", "report", "template", "guide", "presentation", "decision", "other"}

// Licences say how others may reuse a resource: CC BY 4.0, free reuse within
// the public sector, all rights reserved, or something else (the description
// says what).
var Licences = []string{"cc_by_4", "public_sector_reuse", "all_rights_reserved", "other"}

// Resource is one entry in a network's library: a file or a web link.
type Resource struct {
	ID              string    `json:"id"`
	NetworkID       string    `json:"networkId"`
	Title           string    `json:"title"`
	Description     string    `json:"description" doc:"Markdown"`
	DescriptionHTML string    `json:"descriptionHtml" doc:"The description rendered to safe HTML"`
	Excerpt         string    `json:"excerpt" doc:"The start of the description as plain text"`
	Kind            Kind      `json:"kind" enum:"plan,report,template,guide,presentation,decision,other"`
	Topics          []string  `json:"topics" doc:"Keys of the network topics"`
	OrgID           string    `json:"orgId" doc:"The organisation that owns the resource"`
	OrgName         string    `json:"orgName"`
	CountyNumber    string    `json:"countyNumber,omitempty" doc:"The owning organisation's county"`
	Year            int       `json:"year,omitempty" doc:"The year the resource is from or for; 0 when not given"`
	Licence         string    `json:"licence" enum:"cc_by_4,public_sector_reuse,all_rights_reserved,other"`
	Link            string    `json:"link,omitempty" doc:"The address of a web link (resources without a file)"`
	File            *File     `json:"file,omitempty" doc:"The newest version of the file (resources that are files)"`
	VersionCount    int       `json:"versionCount"`
	Downloads       int       `json:"downloads" doc:"Downloads of any version, previews not counted"`
	UploaderID      string    `json:"uploaderId"`
	UploaderName    string    `json:"uploaderName"`
	CreatedAt       time.Time `json:"createdAt"`
	UpdatedAt       time.Time `json:"updatedAt"`

	sortTitle string
}

// File is one version of a resource's file.
type File struct {
	Version    int       `json:"version" doc:"Counts from 1"`
	FileName   string    `json:"fileName" doc:"Sanitised, with the extension of its format"`
	Format     Format    `json:"format" enum:"pdf,docx,xlsx,pptx,odt,ods,odp,txt,csv,png,jpeg"`
	MediaType  string    `json:"mediaType"`
	Size       int64     `json:"size" doc:"Bytes"`
	SHA256     string    `json:"sha256"`
	UploadedAt time.Time `json:"uploadedAt"`
}

// Version is a file version with who uploaded it.
type Version struct {
	File
	ID           string `json:"id"`
	ResourceID   string `json:"resourceId"`
	NetworkID    string `json:"-"`
	UploaderID   string `json:"uploaderId"`
	UploaderName string `json:"uploaderName"`
	Note         string `json:"note,omitempty" doc:"What changed"`
}

// Collection is a named, ordered group of a network's resources ("mappe"),
// e.g. «Maler for søknader»; moderators curate them.
type Collection struct {
	ID          string    `json:"id"`
	NetworkID   string    `json:"-"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	ResourceIDs []string  `json:"resourceIds" doc:"In the order shown"`
	Revision    int       `json:"revision" doc:"Send it back when changing the collection; a stale one is refused"`
	CreatedBy   string    `json:"createdBy"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`

	sortName string
}

// Ref is a readable resource as other features link to it (forum posts).
type Ref struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Kind     Kind   `json:"kind"`
	FileName string `json:"fileName,omitempty" doc:"Empty for web links"`
}

func (r Resource) ref() Ref {
	ref := Ref{ID: r.ID, Title: r.Title, Kind: r.Kind}
	if r.File != nil {
		ref.FileName = r.File.FileName
	}
	return ref
}

// Limits.
const (
	maxTitle          = 200
	maxDescription    = 10_000
	maxTopics         = 6
	maxLink           = 2000
	maxNote           = 500
	maxCollectionName = 100
	maxCollectionDesc = 1000
	maxCollectionSize = 200
	maxCollections    = 100
	minYear           = 1900
	maxMetadata       = 64 << 10 // the metadata part of an upload
)

// ResourceInput describes a resource, new or changed.
type ResourceInput struct {
	Title       string   `json:"title" maxLength:"200"`
	Description string   `json:"description,omitempty" maxLength:"10000" doc:"Markdown"`
	Kind        Kind     `json:"kind" enum:"plan,report,template,guide,presentation,decision,other"`
	Topics      []string `json:"topics,omitempty" maxItems:"6" doc:"Keys of the network topics"`
	OrgID       string   `json:"orgId,omitempty" doc:"The owning organisation; the uploader's when left out"`
	Year        int      `json:"year,omitempty" minimum:"0" maximum:"2200" doc:"0 or left out: no year"`
	Licence     string   `json:"licence" enum:"cc_by_4,public_sector_reuse,all_rights_reserved,other"`
	Link        string   `json:"link,omitempty" maxLength:"2000" doc:"A web link's address (http or https); not for files"`
}

// validate checks the input; link says whether the resource is a web link.
func (in *ResourceInput) validate(topics []string, link bool, now time.Time) error {
	var v apperr.Validation
	checkText(&v, "title", in.Title, true, maxTitle)
	checkText(&v, "description", in.Description, false, maxDescription)
	v.Check(slices.Contains(Kinds, in.Kind), "kind", apperr.FieldInvalid, "choose one of the kinds")
	v.Check(slices.Contains(Licences, in.Licence), "licence", apperr.FieldInvalid, "choose one of the licences")
	if v.Check(len(in.Topics) <= maxTopics, "topics", apperr.FieldTooLong, "at most 6 topics") {
		seen := map[string]bool{}
		for _, t := range in.Topics {
			if !slices.Contains(topics, t) || seen[t] {
				v.Add("topics", apperr.FieldInvalid, "unknown or repeated topic: "+t)
				break
			}
			seen[t] = true
		}
	}
	v.Check(in.Year == 0 || in.Year >= minYear && in.Year <= now.Year()+10, "year", apperr.FieldInvalid,
		"a year from 1900 to ten years ahead, or none")
	switch {
	case link:
		if checkText(&v, "link", in.Link, true, maxLink) {
			u, err := url.Parse(strings.TrimSpace(in.Link))
			v.Check(err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil,
				"link", apperr.FieldInvalid, "an http or https address")
		}
	case in.Link != "":
		v.Add("link", apperr.FieldNotAllowed, "a file resource has no link")
	}
	if in.Topics == nil {
		in.Topics = []string{}
	}
	in.Title, in.Description, in.Link = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description), strings.TrimSpace(in.Link)
	return v.Err()
}

// checkText checks a text field and reports whether it is present and fine.
func checkText(v *apperr.Validation, field, s string, required bool, max int) bool {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	if required && n == 0 {
		v.Add(field, apperr.FieldRequired, "this field is required")
		return false
	}
	return v.Check(utf8.RuneCountInString(s) <= max, field, apperr.FieldTooLong, "too long") && n > 0
}

// sortKey orders titles alphabetically in Norwegian (æ, ø, å after z, accents
// ignored), as a lower-cased shadow field both stores can index.
func sortKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	var b strings.Builder
	for _, r := range s {
		switch r {
		case 'æ', 'ä':
			b.WriteByte('{')
		case 'ø', 'ö':
			b.WriteByte('|')
		case 'å':
			b.WriteByte('}')
		default:
			for _, d := range norm.NFD.String(string(r)) {
				if d < 0x300 || d > 0x36f {
					b.WriteRune(d)
				}
			}
		}
	}
	out := b.String()
	if len(out) > 200 {
		out = out[:200]
	}
	return strings.ToValidUTF8(out, "")
}

// facets are the keys a resource is found by in lists: every resource has
// "all"; filters match "kind:…", "topic:…", "org:…", "county:…", "year:…".
// Both stores index (network, facet, sort key), so a list with any one filter
// is one indexed range read; further filters are checked on the rows read.
func facets(r Resource) []string {
	out := []string{"all", "kind:" + string(r.Kind), "org:" + r.OrgID}
	for _, t := range r.Topics {
		out = append(out, "topic:"+t)
	}
	if r.CountyNumber != "" {
		out = append(out, "county:"+r.CountyNumber)
	}
	if r.Year != 0 {
		out = append(out, "year:"+strconv.Itoa(r.Year))
	}
	return out
}
