// Package asset is the customer's documented IT: devices, software,
// licences and services per customer and site, their purchase, warranty
// and licence dates, and the access credentials technicians learn on the
// job ("Asset-Verwaltung", "Zugangsdaten" in a German service
// agreement).
//
// A host keeps the register with an Inventory and the credentials with a
// Vault, each over its store:
//
//	inv, err := asset.NewInventory(store, asset.InventoryConfig{})
//	err = inv.Register(ctx, asset.Asset{ID: "fw-1", CustomerID: "C-1", Kind: asset.KindHardware,
//		Name: "Firewall", Ownership: asset.RentedFromProvider, Status: asset.StatusInUse})
//	for n, err := range inv.Expiring(ctx, today) {
//		// tell n.Responsible that n.Subject of n.AssetID ends on n.Expires
//	}
//
//	v, err := asset.NewVault(store, sealer, asset.VaultConfig{AdminRole: "admin"})
//	who := asset.Audit{Actor: tech, At: now, Reason: "ticket 4711, firmware update"}
//	secret, err := v.Reveal(ctx, who, "fw-1-admin") // allowed, denied and logged
//
// The runnable versions are examples/memstore's ExampleAssetStore_inventory
// and ExampleAssetStore_vault.
//
// # Inventory
//
// An Asset belongs to a customer (and usually a site), has a Kind, a
// Status that only moves forward (ordered, received, delivered, in use,
// retired) and an Ownership. Ownership decides who bears the warranty
// risk: equipment rented from the provider (rental contracts, managed
// firewall: "Garantie-Risiko bei uns") is the provider's, everything else
// the customer's. Asset.WarrantyRisk, AssetFilter.Ownership and
// Notice.Responsible show it.
//
// Materials management books a supplier's delivery with
// Inventory.Receive: the relevant hardware becomes the customer's asset in status
// received, before it is delivered, and Receive returns a PickAndPack event
// the host turns into its pick-and-pack ticket; this package imports no
// ticketing.
//
// # Expiry scan
//
// Inventory.Expiring streams, as an iter.Seq2 straight from the store, the
// warranties and licences that run out within the lead times of an
// ExpiryPolicy (90 and 30 days unless configured; any number of them).
// Per asset and subject it yields the notice of the shortest lead time
// reached, so an asset found 20 days before its end gets the 30-day notice,
// never a late 90-day one.
//
// "Already notified" is recorded by the store: the host sends a notice,
// then calls Inventory.MarkNotified, and later scans leave it out. A notice
// is keyed by asset, subject, expiry date and lead time (NoticeKey), so
// each goes out once per lead time, and an extended warranty is announced
// again for its new date. The scan writes nothing: a crash between sending
// and marking repeats that notice (at least once), it never loses one.
// ExpiryPolicy.Scan is the same scan as a pure function over any
// iter.Seq2 of assets, with the host's own record of what it sent.
//
// The scan's figures over a million assets are in BENCHMARKS.md at the
// repository's root.
//
// # Credentials
//
// A Credential (username, URL, notes, expiry) belongs to a customer and
// optionally an asset; its secret is a Secret, which never prints: String,
// every fmt verb, JSON, text marshalling and log/slog show "[REDACTED]",
// and only Plaintext returns the bytes. The Vault seals every secret with
// the host's Sealer (examples/aesgcm: AES-256-GCM with a host-supplied key)
// before the store sees it, binding the ciphertext to the credential ID and
// version as associated data, and refuses a Sealer that returns the
// plaintext. Rotation adds a version; old versions stay sealed and can be
// revealed, with their reveals logged. The Vault keeps no plaintext:
// Create and Rotate seal and forget the caller's Secret, Reveal returns a
// fresh one the caller Wipes.
//
// Access: staff reach credentials through grants, to a role or a
// person, for a customer or one credential, optionally expiring, revocable;
// only the admin role grants. Customer contacts reach one credential
// through an access request that staff holding a grant approve for a
// limited time. Every reveal needs a reason. A refusal is an
// *AccessDeniedError with a Cause, and, like every reveal, grant, request,
// decision and change, an entry in the access log (who, when, what, why),
// committed in the same transaction as the change it records. The log has
// no update or delete through this package.
//
// # Storage and errors
//
// InventoryStore and VaultStore are the host's persistence; mutations that
// check rules run as closures inside the adapter's transaction. The
// conformance suite in asset/assettest holds adapters to one behaviour,
// concurrency and rollback included; examples/memstore is the in-memory
// adapter. The Vault's listings for screens (Credentials, Grants,
// Requests, Log) go on past a stored row the adapter cannot read,
// yielding an error matching ErrUnreadableRow in its place; access decisions read through VaultTx and fail on such a row,
// so it never counts as a grant or an approval. Errors are the sentinels
// ErrInvalid, ErrNotFound, ErrConflict, ErrAccessDenied, ErrSealFailed
// and ErrUnreadableRow, checked with errors.Is, and the typed *ValidationError
// and *AccessDeniedError. Bad input is an error and
// changes nothing; no text the package produces contains a secret.
//
// # JSON
//
// Asset, Receipt, Credential, AccessRequest, Grant, LogEntry and Notice have
// a JSON form for a host's API and for the documents a store keeps:
// lowerCamel names, fields with their zero value left out, enumerations as
// their text, dates "YYYY-MM-DD", instants in RFC 3339 with their offset.
// Reading refuses unknown names, days that do not exist and unknown
// enumeration texts with a *ValidationError naming the field's path.
package asset
