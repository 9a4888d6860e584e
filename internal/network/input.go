package network

import (
	"strings"

	"github.com/samspill/samspill/internal/apperr"
)

// NetworkInput creates a network.
type NetworkInput struct {
	Name        string     `json:"name" maxLength:"120"`
	Slug        string     `json:"slug,omitempty" maxLength:"80" doc:"Made from the name when empty"`
	Description string     `json:"description,omitempty" maxLength:"20000" doc:"Markdown"`
	Topics      []string   `json:"topics,omitempty" maxItems:"6"`
	National    bool       `json:"national,omitempty"`
	Counties    []string   `json:"counties,omitempty" maxItems:"15"`
	Visibility  Visibility `json:"visibility" enum:"open,on_request,closed"`
}

// Validate lists every problem at once.
func (in NetworkInput) Validate() error {
	var v apperr.Validation
	checkText(&v, "name", in.Name, true, maxName)
	if in.Slug != "" {
		if v.Check(slugPattern.MatchString(in.Slug) && len(in.Slug) <= 80, "slug", apperr.FieldInvalid,
			"use lower-case letters a–z, digits and single hyphens") {
			v.Check(!reservedSlugs[in.Slug], "slug", apperr.FieldNotAllowed, "this address is used by Samspill itself: choose another")
		}
	} else if strings.TrimSpace(in.Name) != "" {
		slug := Slugify(in.Name)
		v.Check(slug != "", "name", apperr.FieldInvalid, "the name needs some letters or digits")
		v.Check(!reservedSlugs[slug], "slug", apperr.FieldNotAllowed, "this address is used by Samspill itself: choose another")
	}
	checkText(&v, "description", in.Description, false, maxDescription)
	checkTopics(&v, in.Topics)
	checkRegion(&v, in.National, in.Counties)
	v.Check(in.Visibility.Valid(), "visibility", apperr.FieldInvalid, "choose open, on_request or closed")
	return v.Err()
}

func checkTopics(v *apperr.Validation, topics []string) {
	v.Check(len(topics) <= maxTopics, "topics", apperr.FieldTooLong, "choose at most 6 topics")
	for _, t := range topics {
		if !v.Check(validTopic(t), "topics", apperr.FieldInvalid, "unknown topic: "+t) {
			return
		}
	}
}

func checkRegion(v *apperr.Validation, national bool, counties []string) {
	if national {
		v.Check(len(counties) == 0, "counties", apperr.FieldNotAllowed, "a national network lists no counties")
		return
	}
	v.Check(len(counties) > 0, "counties", apperr.FieldRequired, "choose the counties the network is for, or national")
	seen := map[string]bool{}
	for _, c := range counties {
		if !v.Check(len(c) == 2 && c[0] >= '0' && c[0] <= '9' && c[1] >= '0' && c[1] <= '9' && !seen[c],
			"counties", apperr.FieldInvalid, "counties are listed once each by their two-digit number") {
			return
		}
		seen[c] = true
	}
}

// NetworkPatch changes a network; absent fields stay as they are. The slug never
// changes: links to the network must keep working.
type NetworkPatch struct {
	Name        *string     `json:"name,omitempty" maxLength:"120"`
	Description *string     `json:"description,omitempty" maxLength:"20000"`
	Topics      *[]string   `json:"topics,omitempty" maxItems:"6"`
	National    *bool       `json:"national,omitempty"`
	Counties    *[]string   `json:"counties,omitempty" maxItems:"15"`
	Visibility  *Visibility `json:"visibility,omitempty" enum:"open,on_request,closed"`
}

// apply returns n changed by p and checks the result.
func (p NetworkPatch) apply(n Network) (Network, error) {
	if p.Name != nil {
		n.Name = strings.TrimSpace(*p.Name)
	}
	if p.Description != nil {
		n.Description = *p.Description
	}
	if p.Topics != nil {
		n.Topics = *p.Topics
	}
	if p.National != nil {
		n.National = *p.National
		if n.National && p.Counties == nil {
			n.Counties = nil
		}
	}
	if p.Counties != nil {
		n.Counties = *p.Counties
	}
	if p.Visibility != nil {
		n.Visibility = *p.Visibility
	}
	var v apperr.Validation
	checkText(&v, "name", n.Name, true, maxName)
	checkText(&v, "description", n.Description, false, maxDescription)
	checkTopics(&v, n.Topics)
	checkRegion(&v, n.National, n.Counties)
	v.Check(n.Visibility.Valid(), "visibility", apperr.FieldInvalid, "choose open, on_request or closed")
	return n, v.Err()
}

// Registration is what someone without an account gives to accept an invitation.
type Registration struct {
	Name     string `json:"name" maxLength:"120"`
	Password string `json:"password" maxLength:"256"`
	OrgID    string `json:"orgId" doc:"From GET /api/v1/orgs"`
	JobTitle string `json:"jobTitle,omitempty" maxLength:"120"`
	JobField string `json:"jobField" enum:"culture_head,librarian,culture_school_leader,museum_heritage,volunteering,adviser,other"`
	Language string `json:"language,omitempty" enum:"nb,nn,en" doc:"nb when empty"`
}
