package user

import "context"

// store is what the user service needs from a database.
type store interface {
	// Create fails with a Conflict (user.email_taken) when the email is in use,
	// compared case-insensitively.
	Create(ctx context.Context, u User) error
	Get(ctx context.Context, id string) (User, error)
	// GetByEmail takes a normalised (trimmed, lower-case) email.
	GetByEmail(ctx context.Context, email string) (User, error)
	// Update writes the profile fields and UpdatedAt of u.
	Update(ctx context.Context, u User) error
	SetPassword(ctx context.Context, id, hash string) error
	// Count returns how many accounts exist (start-up reports and seeding checks).
	Count(ctx context.Context) (int64, error)
	// All pages through every account in id order (search rebuilds).
	All(ctx context.Context, afterID string, limit int) ([]User, error)
}
