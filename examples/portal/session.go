package main

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Cookie names. The session cookie carries the user's ID, its expiry and
// the session's CSRF token, signed with HMAC-SHA256 under the server's
// key; it holds no password and no secret of the domain.
const (
	sessionCookie = "deskcore_session"
	loginCookie   = "deskcore_login" // the login form's CSRF token, before there is a session
	sessionTTL    = 8 * time.Hour
)

// session is what the signed cookie says.
type session struct {
	UserID  string
	Expires time.Time
	CSRF    string // hex; forms send it back in the field "csrf"
}

// errBadSession is any cookie that is missing, malformed, forged or
// expired: all mean "log in".
var errBadSession = errors.New("portal: no valid session")

// randomToken returns n random bytes in hex.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}

// sign returns the cookie value for s: payload and MAC, each base64url.
func (s *Server) sign(ss session) string {
	payload := ss.UserID + "\n" + strconv.FormatInt(ss.Expires.Unix(), 10) + "\n" + ss.CSRF
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(payload)) + "." + enc.EncodeToString(m.Sum(nil))
}

// verify reads a cookie value signed by sign, checking the MAC and the
// expiry at now.
func (s *Server) verify(value string, now time.Time) (session, error) {
	enc := base64.RawURLEncoding
	p, mac, ok := strings.Cut(value, ".")
	if !ok {
		return session{}, errBadSession
	}
	payload, err1 := enc.DecodeString(p)
	sum, err2 := enc.DecodeString(mac)
	if err1 != nil || err2 != nil {
		return session{}, errBadSession
	}
	m := hmac.New(sha256.New, s.key)
	m.Write(payload)
	if !hmac.Equal(sum, m.Sum(nil)) {
		return session{}, errBadSession
	}
	parts := strings.Split(string(payload), "\n")
	if len(parts) != 3 {
		return session{}, errBadSession
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || !now.Before(time.Unix(exp, 0)) {
		return session{}, errBadSession
	}
	return session{UserID: parts[0], Expires: time.Unix(exp, 0), CSRF: parts[2]}, nil
}

// StartSession logs user id in: it sets the signed session cookie. A host
// with its own single sign-on calls it from its callback instead of using
// the login form.
func (s *Server) StartSession(w http.ResponseWriter, userID string) {
	ss := session{UserID: userID, Expires: s.now().Add(sessionTTL), CSRF: randomToken(16)}
	http.SetCookie(w, s.cookie(sessionCookie, s.sign(ss), ss.Expires))
}

// cookie is a cookie as every one of the portal's is: HttpOnly, SameSite
// strict, Secure unless the server runs on plain HTTP for the demo.
func (s *Server) cookie(name, value string, expires time.Time) *http.Cookie {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: s.secure}
	if expires.IsZero() {
		c.MaxAge = -1
	} else {
		c.Expires = expires
	}
	return c
}

// sessionOf returns the request's valid session.
func (s *Server) sessionOf(r *http.Request) (session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return session{}, errBadSession
	}
	return s.verify(c.Value, s.now())
}

// sameToken compares a form's token with the expected one in constant
// time; an empty expected token never matches.
func sameToken(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
