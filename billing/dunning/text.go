package dunning

// The enumerations of dunning and disputes (CustomerType, DisputeState,
// ...) are stored by hosts, so each has a text form, by the one rule of
// every deskcore enumeration: lowercase names, read in any letter case.
// Where the zero value means "none" (no state yet, no type given) it is
// written and read as the empty text, so a case with such fields (the From
// of an event that opened a dispute) survives a JSON round trip;
// validation, not the text form, refuses it where it is not allowed.
