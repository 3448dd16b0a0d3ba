package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/deskcore/deskcore/ticket"
)

// maxUpload is the largest file a contact may attach.
const maxUpload = 4 << 20

// allowedTypes are the content types an upload may have, as sniffed from
// its bytes (http.DetectContentType), not as the browser claims.
var allowedTypes = []string{"image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain; charset=utf-8"}

// Files keeps uploaded attachments in a directory, each under a random
// reference; the ticket keeps only the reference (ticket.Attachment). A
// host puts its object store here.
type Files struct{ dir string }

// NewFiles keeps files in dir, which it creates.
func NewFiles(dir string) (*Files, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return &Files{dir: dir}, nil
}

// Save stores data and returns its new reference.
func (f *Files) Save(data []byte) (string, error) {
	ref := randomToken(16)
	return ref, os.WriteFile(filepath.Join(f.dir, ref), data, 0o600)
}

// Serve writes the file ref as a download named name. A reference that is
// not one Save made is not found.
func (f *Files) Serve(w http.ResponseWriter, ref, name, contentType string) error {
	if b, err := hex.DecodeString(ref); err != nil || len(b) != 16 {
		return errNotFound
	}
	data, err := os.ReadFile(filepath.Join(f.dir, ref))
	if errors.Is(err, os.ErrNotExist) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, err = w.Write(data)
	return err
}

// upload reads the form's optional file "file": at most maxUpload bytes of
// an allowed type. It stores it and returns its reference, or nothing when
// the form has no file.
func (s *Server) upload(r *http.Request) ([]ticket.Attachment, error) {
	file, head, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxUpload+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxUpload {
		return nil, &badRequest{fmt.Sprintf("The upload is larger than %d MiB.", maxUpload>>20), http.StatusRequestEntityTooLarge}
	}
	if len(data) == 0 {
		return nil, nil
	}
	ct := http.DetectContentType(data)
	if !slices.Contains(allowedTypes, ct) {
		return nil, &badRequest{msg: "Only screenshots (PNG, JPEG, GIF), PDF and plain text can be attached."}
	}
	ref, err := s.files.Save(data)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(head.Filename)
	if name == "." || name == "/" || len(name) > 200 {
		name = "attachment"
	}
	return []ticket.Attachment{{Name: name, Ref: ref, ContentType: ct, Size: int64(len(data))}}, nil
}
