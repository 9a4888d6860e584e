// Package user is people's accounts and profiles: who they are, where they work,
// what they do and which language they read.
package user

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/samspill/samspill/internal/apperr"
	"github.com/samspill/samspill/internal/auth"
	"github.com/samspill/samspill/internal/org"
)

// JobField is the kind of work someone does in the culture sector.
type JobField string

const (
	JobCultureHead         JobField = "culture_head"
	JobLibrarian           JobField = "librarian"
	JobCultureSchoolLeader JobField = "culture_school_leader"
	JobMuseumHeritage      JobField = "museum_heritage"
	JobVolunteering        JobField = "volunteering"
	JobAdviser             JobField = "adviser"
	JobOther               JobField = "other"
)

// Valid reports whether f is a known job field.
func (f JobField) Valid() bool {
	switch f {
	case JobCultureHead, JobLibrarian, JobCultureSchoolLeader, JobMuseumHeritage, JobVolunteering, JobAdviser, JobOther:
		return true
	}
	return false
}

// Languages the web app speaks.
var Languages = []string{"nb", "nn", "en"}

func validLanguage(l string) bool {
	for _, x := range Languages {
		if l == x {
			return true
		}
	}
	return false
}

// User is an account.
type User struct {
	ID           string
	Email        string
	Name         string
	OrgID        string
	JobTitle     string
	JobField     JobField
	SiteRole     auth.Role
	Language     string
	PasswordHash string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (u User) account() auth.Account {
	return auth.Account{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.SiteRole,
		Language: u.Language, OrgID: u.OrgID, PasswordHash: u.PasswordHash}
}

// Me is a person's own profile, as GET /api/v1/me answers.
type Me struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	JobTitle  string    `json:"jobTitle"`
	JobField  JobField  `json:"jobField" enum:"culture_head,librarian,culture_school_leader,museum_heritage,volunteering,adviser,other"`
	SiteRole  auth.Role `json:"siteRole" enum:"member,adviser,admin"`
	Language  string    `json:"language" enum:"nb,nn,en"`
	Org       org.Org   `json:"org"`
	CreatedAt time.Time `json:"createdAt"`
}

const (
	maxName     = 120
	maxJobTitle = 120
)

func checkName(v *apperr.Validation, name string) {
	name = strings.TrimSpace(name)
	if v.Check(name != "", "name", apperr.FieldRequired, "enter a name") {
		v.Check(utf8.RuneCountInString(name) <= maxName, "name", apperr.FieldTooLong, "the name can have at most 120 characters")
	}
}

// NewUser is what it takes to create an account.
type NewUser struct {
	Email    string
	Name     string
	OrgID    string
	JobTitle string
	JobField JobField
	SiteRole auth.Role
	Language string
	Password string
}

// Validate lists every problem with the input at once.
func (in NewUser) Validate() error { return in.validate(true) }

func (in NewUser) validate(withPassword bool) error {
	var v apperr.Validation
	if v.Check(strings.TrimSpace(in.Email) != "", "email", apperr.FieldRequired, "enter an email address") {
		v.Check(auth.ValidEmail(in.Email), "email", apperr.FieldInvalid, "this is not an email address")
	}
	checkName(&v, in.Name)
	v.Check(in.OrgID != "", "orgId", apperr.FieldRequired, "choose an organisation")
	v.Check(utf8.RuneCountInString(in.JobTitle) <= maxJobTitle, "jobTitle", apperr.FieldTooLong, "the job title can have at most 120 characters")
	v.Check(in.JobField.Valid(), "jobField", apperr.FieldInvalid, "choose a job field")
	v.Check(in.SiteRole.Valid(), "siteRole", apperr.FieldInvalid, "unknown role")
	v.Check(validLanguage(in.Language), "language", apperr.FieldInvalid, "language must be nb, nn or en")
	if withPassword {
		auth.ValidatePassword(&v, "password", in.Password)
	}
	return v.Err()
}

// UpdateMe changes one's own profile; absent fields stay as they are.
type UpdateMe struct {
	Name     *string   `json:"name,omitempty" maxLength:"120"`
	JobTitle *string   `json:"jobTitle,omitempty" maxLength:"120"`
	JobField *JobField `json:"jobField,omitempty" enum:"culture_head,librarian,culture_school_leader,museum_heritage,volunteering,adviser,other"`
	Language *string   `json:"language,omitempty" enum:"nb,nn,en"`
}

// Validate lists every problem with the input at once.
func (in UpdateMe) Validate() error {
	var v apperr.Validation
	if in.Name != nil {
		checkName(&v, *in.Name)
	}
	if in.JobTitle != nil {
		v.Check(utf8.RuneCountInString(*in.JobTitle) <= maxJobTitle, "jobTitle", apperr.FieldTooLong, "the job title can have at most 120 characters")
	}
	if in.JobField != nil {
		v.Check(in.JobField.Valid(), "jobField", apperr.FieldInvalid, "choose a job field")
	}
	if in.Language != nil {
		v.Check(validLanguage(*in.Language), "language", apperr.FieldInvalid, "language must be nb, nn or en")
	}
	return v.Err()
}
