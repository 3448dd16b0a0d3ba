package document

// labels are every fixed word of the documents in one language. The
// customer's own text (work descriptions, justifications, explanations)
// is never translated.
type labels struct {
	Page, Of                               string // "Seite", "von"
	Customer, CustomerNo, Attention        string
	Period, Issued, Status                 string
	Date, Ticket, Technician, Time, Billed string
	Description, Quantity, Price, VAT, Net string
	Net2, VATOn, Total                     string // "Nettobetrag", "USt. %s auf %s", "Gesamtbetrag"
	VATNone                                string // "%s: keine USt. auf %s", the reason no VAT is charged and the base
	Contact, ScopeLabel, TimeTotal         string

	// service report
	ReportTitle, ReportNo                  string
	AllBranches, HeadOffice, Branch        string
	Work, Held, Charges, NoWork            string
	HeldText                               string
	ReportFor                              string // "Leistungsübersicht für %s"
	InvoiceFollows                         string // "Die Rechnung über %s folgt gesondert."
	Unit, UnitName                         string // "AE", "Arbeitseinheit"
	UnitSize                               string // "1 %s (%s) = %s"
	RoundUp, RoundNearest, RoundDown       string
	Minimum                                string // "mindestens %d %s je Einsatz"
	PerTicketDay                           string
	FreeProvider, FreeCovered, FreeDefault string
	FreeJustified                          string // "Nicht berechnet: %s"
	BilledCustomer, BilledOrder            string
	BilledActivity, BilledDefault          string
	BilledFlatFee                          string
	GoodwillPercent, GoodwillTime          string // "Kulanz: %s nicht berechnet (%s)"
	Reversal                               string
	DayRate, FlatFee, NotBilled, OnQuota   string
	QuotaBooked                            string // "Auf Ihr Kontingent %s gebucht: %s"
	Activities                             map[string]string
	LineWork, LineDayRate, LineFlatFee     string
	LineTravelZone, LineTravelKm           string
	LineQuotaFee, LineQuotaCorrection      string // contract, month, hours
	TermsTransfer, TermsDebit, TermsCredit string // e-invoice payment terms: days; mandate, date; none
	Credit                                 string // "Gutschrift: %s"
	PerHour, PerUnit                       string
	UnitCodes                              map[string]string

	// quota statement
	QuotaTitle, Contract, Terms, Movement, Reference, Hours, Balance string
	Provisional, Closed                                              string
	Opening, Closing, RolledOver, AsOf                               string
	Kinds                                                            [7]string
	TermsText                                                        string // "%s im Monat für %s"
	RolloverFull, RolloverNone, RolloverCapped, RolloverExpiring     string
	OverdraftNone, OverdraftLimit, OverdraftUnlimited                string
	Late                                                             string
	Allotted, Consumed, Charged                                      string

	// complaints
	AckTitle, OutcomeTitle, YourReference, Received        string
	AckIntro, AckTimeline, Step, Due                       string
	StepAck, StepUpdate, StepResolution                    string
	AckClosing                                             string
	ComplaintTypes                                         [4]string
	Outcome, Decision, Actions, DecidedOn, DecidedBy       string
	Outcomes                                               [4]string
	Investigation                                          string
	Contacts, Updates, Extensions, Escalated, NotEscalated string
	FirstDecision, FinalDecision                           string
	OutcomeClosing                                         string
	OutcomeShort                                           [4]string
	// dunning
	DunReminder, DunLevel, DunInvoiceNo, DunIntro, DunRequest, DunInvoice, DunPayment, DunCredit                    string
	DunHeld, DunWithheld, DunDunned, DunFees, DunInterest, DunTotal, DunRate, DunSpan, DunContact, DunItems, Amount string
	DisputeItem, DisputeOpen, DisputeUpheld, DisputePartly, DisputeRejected, DisputeWithdrawn                       string
	DisAckTitle, DisAckIntro, DisAckAnswer, DisLine, DisAll, DisAmount, DisHeld, DisMissing, DisItems, DisQuote     string
	Attachments                                                                                                     [5]string
	QuoteOpen, QuoteClose                                                                                           string
	InvTitle, InvCredit, InvCorrected, InvNumber, InvDate, InvPeriod, InvDue, InvOrder, InvPreceding, InvPos        string
	InvPrepaid, InvDueAmount, InvDebit, InvTransfer, InvTransferBy, InvReverse, InvIntra, InvExempt, InvVATID       string
	InvYourVATID                                                                                                    string // "Ihre USt-IdNr.": the customer's, on a reverse charge or intra-community invoice
	// the exemption reasons an e-invoice carries beside the VATEX code
	ReasonReverse, ReasonIntra          string
	Salutation, SalutationNone, Regards string
}

var allLabels = [...]labels{
	German: {
		Page: "Seite", Of: "von",
		Customer: "Kunde", CustomerNo: "Kundennummer", Attention: "z. Hd.",
		Period: "Zeitraum", Issued: "Datum", Status: "Stand",
		Date: "Datum", Ticket: "Ticket", Technician: "Techniker", Time: "Zeit", Billed: "Berechnet",
		Description: "Beschreibung", Quantity: "Menge", Price: "Preis", VAT: "USt.", Net: "Netto",
		Net2: "Nettobetrag", VATOn: "zzgl. %s USt. auf %s", Total: "Gesamtbetrag",
		VATNone: "%s: keine USt. auf %s",
		Contact: "Ihr Ansprechpartner", ScopeLabel: "Bereich", TimeTotal: "Zeit gesamt",

		ReportTitle: "Leistungsübersicht", ReportNo: "Nr.",
		AllBranches: "alle Niederlassungen", HeadOffice: "Zentrale", Branch: "Niederlassung",
		Work: "Erbrachte Leistungen", Held: "Zurückgestellt: Wir benötigen zuerst Ihren Auftrag", Charges: "Berechnung", NoWork: "Im Zeitraum wurden keine Leistungen erbracht.",
		HeldText:       "Diese Arbeiten übersteigen den Umfang, den wir ohne Ihren ausdrücklichen Auftrag ausführen. Sie werden erst berechnet, wenn Ihr Auftrag vorliegt.",
		ReportFor:      "Leistungsübersicht für %s",
		InvoiceFollows: "Die Rechnung über %s folgt gesondert und nennt diese Leistungsübersicht.",
		Unit:           "AE", UnitName: "Arbeitseinheit",
		UnitSize: "1 %s (%s) = %s", RoundUp: "angefangene Einheiten werden voll berechnet", RoundNearest: "auf volle Einheiten kaufmännisch gerundet", RoundDown: "nur volle Einheiten werden berechnet",
		Minimum: "mindestens %d %s je Einsatz", PerTicketDay: "die Arbeit eines Tickets an einem Tag wird zusammen gerundet",
		FreeProvider: "Kostenfrei: Die Ursache lag in unserem Verantwortungsbereich.", FreeCovered: "Kostenfrei: im vereinbarten Leistungsumfang enthalten.", FreeDefault: "Kostenfrei.",
		FreeJustified:  "Nicht berechnet: %s",
		BilledCustomer: "Berechnet: Die Analyse ergab die Ursache auf Ihrer Seite.", BilledOrder: "Berechnet: Arbeit auf Ihren Auftrag %s.",
		BilledActivity: "Berechnet nach Aufwand: %s ist nicht im vereinbarten Leistungsumfang enthalten.", BilledDefault: "Berechnet nach Aufwand: nicht im vereinbarten Leistungsumfang enthalten.",
		BilledFlatFee:   "Berechnet als Technikerpauschale.",
		GoodwillPercent: "Kulanz: %s der Zeit nicht berechnet (%s).", GoodwillTime: "Kulanz: %s nicht berechnet (%s).",
		Reversal: "Gutschrift: Korrektur einer früheren Buchung.",
		DayRate:  "Tagessatz", FlatFee: "Pauschale", NotBilled: "kostenfrei", OnQuota: "Kontingent",
		QuotaBooked: "Auf Ihr Kontingent %s gebucht: %s",
		Activities: map[string]string{"support": "Support", "migration": "Kontomigration", "compromise": "Behebung einer Kontokompromittierung",
			"administration": "Administration", "development": "Softwareentwicklung"},
		LineWork: "Arbeitszeit, Ticket %s (%s)", LineDayRate: "Tagessatz %s", LineFlatFee: "Technikerpauschale, Ticket %s",
		LineTravelZone: "Anfahrt Zone %s, Ticket %s", LineTravelKm: "Anfahrt, Ticket %s",
		LineQuotaFee: "Kontingent %s, %s: %s", LineQuotaCorrection: "Kontingent %s, %s: Nachberechnung von %s Überbuchung zum Mehrstundensatz",
		TermsTransfer: "Zahlbar innerhalb von %d Tagen ab Rechnungsdatum ohne Abzug.",
		TermsDebit:    "Der Betrag wird per SEPA-Lastschrift zum Mandat %s eingezogen, nicht vor dem %s.",
		TermsCredit:   "Die Gutschrift wird auf das Konto erstattet, von dem Sie zahlen.",
		Credit:        "Gutschrift: %s", PerHour: "Std.", PerUnit: "",
		UnitCodes: map[string]string{"MIN": "Min.", "HUR": "Std.", "DAY": "Tag", "MON": "Monat", "KMT": "km", "C62": "Stk.", "GB": "GB", "E34": "GB"},

		QuotaTitle: "Kontingentauszug", Contract: "Vertrag", Terms: "Konditionen", Movement: "Buchung", Reference: "Bezug", Hours: "Stunden", Balance: "Saldo",
		Provisional: "vorläufig, Monat nicht abgeschlossen", Closed: "abgeschlossen",
		Opening: "Anfangssaldo", Closing: "Endsaldo", RolledOver: "Übertrag in den %s", AsOf: "Saldo am %s",
		Kinds:     [7]string{"", "Zuteilung", "Verbrauch", "Storno", "Nachberechnung", "Verfall", "Anpassung"},
		TermsText: "%s im Monat für %s", RolloverFull: "nicht genutzte Stunden werden übertragen", RolloverNone: "nicht genutzte Stunden verfallen am Monatsende",
		RolloverCapped: "nicht genutzte Stunden werden bis %s übertragen", RolloverExpiring: "Stunden bleiben %d weitere Monate nutzbar",
		OverdraftNone: "kein Überziehen", OverdraftLimit: "Überziehen bis %s", OverdraftUnlimited: "Überziehen nach Absprache",
		Late:     "nachgebucht für %s",
		Allotted: "Zugeteilt", Consumed: "Verbraucht", Charged: "Nachberechnet",

		AckTitle: "Eingangsbestätigung Ihrer Beschwerde", OutcomeTitle: "Ergebnis Ihrer Beschwerde", YourReference: "Ihr Zeichen", Received: "Eingegangen",
		AckIntro:    "vielen Dank für Ihre Nachricht. Wir haben Ihre Beschwerde unter dem Aktenzeichen %s aufgenommen. Bitte geben Sie es bei jeder weiteren Nachricht an.",
		AckTimeline: "So geht es weiter", Step: "Schritt", Due: "spätestens",
		StepAck: "Eingangsbestätigung", StepUpdate: "Zwischenbericht", StepResolution: "Entscheidung",
		AckClosing:     "Wenn wir eine Frist nicht halten können, erklären wir Ihnen den Grund und nennen einen neuen Termin.",
		ComplaintTypes: [4]string{"", "Servicebeschwerde", "Produktbeschwerde", "Beschwerde"},
		Outcome:        "Ergebnis", Decision: "Begründung", Actions: "Ergriffene Maßnahmen", DecidedOn: "Entschieden am", DecidedBy: "von",
		Outcomes:      [4]string{"", "Ihrer Beschwerde wurde abgeholfen.", "Ihre Beschwerde wurde abgelehnt.", "Entscheidung"},
		Investigation: "Bearbeitung", Contacts: "Rückfragen", Updates: "Zwischenberichte", Extensions: "Fristverlängerungen",
		Escalated: "Sie haben eine Überprüfung verlangt; sie wurde von einer an der ersten Untersuchung nicht beteiligten Stelle vorgenommen.", NotEscalated: "Sind Sie mit der Entscheidung nicht einverstanden, können Sie eine Überprüfung durch eine unbeteiligte Stelle verlangen.",
		FirstDecision: "Erste Entscheidung", FinalDecision: "Entscheidung nach Überprüfung",
		OutcomeClosing: "Wir danken Ihnen für Ihre Geduld.",
		OutcomeShort:   [4]string{"", "Ergebnis: Der Beschwerde wurde abgeholfen.", "Ergebnis: Die Beschwerde wurde abgelehnt.", "Ergebnis: entschieden."},
		DunReminder:    "Zahlungserinnerung", DunLevel: "%d. Mahnung", DunInvoiceNo: "Rechnung",
		DunIntro:   "unsere Rechnung %s über %s war am %s fällig. Bis heute haben wir den folgenden Betrag nicht erhalten.",
		DunRequest: "Bitte überweisen Sie %s bis zum %s.", DunInvoice: "Rechnung %s", DunPayment: "Zahlung vom %s", DunCredit: "Gutschrift vom %s",
		DunHeld:     "Den strittigen Betrag von %s mahnen wir nicht an, solange wir Ihren Einspruch prüfen.",
		DunWithheld: "Den berichtigten Betrag von %s mahnen wir nicht an; die Gutschrift folgt.",
		DunDunned:   "Offener Betrag", DunFees: "Mahngebühren", DunInterest: "Verzugszinsen gesamt", DunTotal: "Zu zahlen",
		DunRate: "%s p. a. (Basiszinssatz %s zzgl. %s Prozentpunkte)", DunSpan: "Verzugszinsen %s–%s (%s Tage) auf %s zu %s",
		DunContact: "Fragen beantwortet Ihnen %s", DunItems: "Offene Posten", Amount: "Betrag",
		DisputeItem: "Einspruch %s vom %s: %s", DisputeOpen: "in Prüfung, nicht angemahnt", DisputeUpheld: "stattgegeben, %s berichtigt",
		DisputePartly: "teilweise stattgegeben, %s berichtigt, %s wieder fällig", DisputeRejected: "abgelehnt, wieder fällig", DisputeWithdrawn: "zurückgezogen",
		DisAckTitle: "Eingangsbestätigung Ihres Einspruchs", DisAckIntro: "wir haben Ihren Einspruch gegen die Rechnung %s erhalten. Den strittigen Betrag von %s mahnen wir nicht an, bis er geklärt ist.",
		DisAckAnswer: "Wir prüfen die Posten gegen Angebot und Auftrag und antworten Ihnen bis %s.",
		DisLine:      "Position %s", DisAll: "Gesamter offener Betrag", DisAmount: "Strittiger Betrag", DisHeld: "Bis zur Klärung nicht angemahnt",
		DisMissing: "Damit wir prüfen können, senden Sie uns bitte noch: %s.", DisItems: "Strittige Posten", DisQuote: "Ihre Beschreibung:",
		QuoteOpen: "„", QuoteClose: "“",
		Attachments: [5]string{"", "Kopie des Angebots", "Kopie der Rechnung", "Kopie der Mahnung", "weitere Unterlagen"},
		InvTitle:    "Rechnung", InvCredit: "Gutschrift", InvCorrected: "Rechnungskorrektur", InvNumber: "Rechnungsnr.", InvDate: "Rechnungsdatum",
		InvPeriod: "Leistungszeitraum", InvDue: "Fällig am", InvOrder: "Ihre Bestellung", InvPreceding: "Bezieht sich auf Rechnung %s vom %s.", InvPos: "Pos.",
		InvPrepaid: "Bereits gezahlt", InvDueAmount: "Zu zahlen",
		InvDebit:      "Den Betrag von %s ziehen wir per SEPA-Lastschrift von Ihrem Konto %s ein (Mandat %s, Gläubiger-ID %s).",
		InvTransfer:   "Bitte überweisen Sie %s auf %s, Verwendungszweck %s.",
		InvTransferBy: "Bitte überweisen Sie %s bis zum %s auf %s, Verwendungszweck %s.",
		InvReverse:    "Steuerschuldnerschaft des Leistungsempfängers", InvIntra: "steuerfreie innergemeinschaftliche Lieferung", InvExempt: "steuerfrei", InvVATID: "USt-IdNr.", InvYourVATID: "Ihre USt-IdNr.",
		ReasonReverse: "Steuerschuldnerschaft des Leistungsempfängers", ReasonIntra: "Steuerfreie innergemeinschaftliche Lieferung",
		Salutation: "Guten Tag %s,", SalutationNone: "Sehr geehrte Damen und Herren,", Regards: "Mit freundlichen Grüßen",
	},
	Dutch: {
		Page: "Pagina", Of: "van",
		Customer: "Klant", CustomerNo: "Klantnummer", Attention: "t.a.v.",
		Period: "Periode", Issued: "Datum", Status: "Stand",
		Date: "Datum", Ticket: "Ticket", Technician: "Technicus", Time: "Tijd", Billed: "Gefactureerd",
		Description: "Omschrijving", Quantity: "Aantal", Price: "Prijs", VAT: "Btw", Net: "Netto",
		Net2: "Nettobedrag", VATOn: "plus %s btw over %s", Total: "Totaalbedrag",
		VATNone: "%s: geen btw over %s",
		Contact: "Uw contactpersoon", ScopeLabel: "Onderdeel", TimeTotal: "Totale tijd",

		ReportTitle: "Werkoverzicht", ReportNo: "Nr.",
		AllBranches: "alle vestigingen", HeadOffice: "hoofdkantoor", Branch: "Vestiging",
		Work: "Verrichte werkzaamheden", Held: "Aangehouden: wij hebben eerst uw opdracht nodig", Charges: "Berekening", NoWork: "In deze periode zijn geen werkzaamheden verricht.",
		HeldText:       "Deze werkzaamheden gaan verder dan wat wij zonder uw uitdrukkelijke opdracht uitvoeren. Ze worden pas gefactureerd als uw opdracht er is.",
		ReportFor:      "Werkoverzicht voor %s",
		InvoiceFollows: "De factuur van %s volgt apart en verwijst naar dit werkoverzicht.",
		Unit:           "AE", UnitName: "arbeidseenheid",
		UnitSize: "1 %s (%s) = %s", RoundUp: "een begonnen eenheid telt volledig", RoundNearest: "afgerond op hele eenheden", RoundDown: "alleen volle eenheden worden berekend",
		Minimum: "minimaal %d %s per inzet", PerTicketDay: "het werk aan een ticket op één dag wordt samen afgerond",
		FreeProvider: "Kosteloos: de oorzaak lag bij ons.", FreeCovered: "Kosteloos: valt binnen de afgesproken dienstverlening.", FreeDefault: "Kosteloos.",
		FreeJustified:  "Niet gefactureerd: %s",
		BilledCustomer: "Gefactureerd: de analyse wees uit dat de oorzaak bij u lag.", BilledOrder: "Gefactureerd: werk in uw opdracht %s.",
		BilledActivity: "Gefactureerd op basis van bestede tijd: %s valt niet binnen de afgesproken dienstverlening.", BilledDefault: "Gefactureerd op basis van bestede tijd: valt niet binnen de afgesproken dienstverlening.",
		BilledFlatFee:   "Gefactureerd als vast techniekerstarief.",
		GoodwillPercent: "Coulance: %s van de tijd niet gefactureerd (%s).", GoodwillTime: "Coulance: %s niet gefactureerd (%s).",
		Reversal: "Creditering: correctie van een eerdere boeking.",
		DayRate:  "dagtarief", FlatFee: "vast tarief", NotBilled: "kosteloos", OnQuota: "tegoed",
		QuotaBooked: "Geboekt op uw urentegoed %s: %s",
		Activities: map[string]string{"support": "Support", "migration": "Accountmigratie", "compromise": "Herstel na een accountinbraak",
			"administration": "Beheer", "development": "Softwareontwikkeling"},
		LineWork: "Werktijd, ticket %s (%s)", LineDayRate: "Dagtarief %s", LineFlatFee: "Vast techniekerstarief, ticket %s",
		LineTravelZone: "Voorrijkosten zone %s, ticket %s", LineTravelKm: "Voorrijkosten, ticket %s",
		LineQuotaFee: "Urentegoed %s, %s: %s", LineQuotaCorrection: "Urentegoed %s, %s: correctie van %s overschrijding tegen het meerurentarief",
		TermsTransfer: "Te betalen binnen %d dagen na factuurdatum zonder aftrek.",
		TermsDebit:    "Het bedrag wordt via SEPA-incasso geïnd onder machtiging %s, niet vóór %s.",
		TermsCredit:   "Het tegoed wordt teruggestort op de rekening waarvan u betaalt.",
		Credit:        "Creditering: %s", PerHour: "uur", PerUnit: "",
		UnitCodes: map[string]string{"MIN": "min.", "HUR": "uur", "DAY": "dag", "MON": "maand", "KMT": "km", "C62": "st.", "GB": "GB", "E34": "GB"},

		QuotaTitle: "Overzicht urentegoed", Contract: "Contract", Terms: "Voorwaarden", Movement: "Boeking", Reference: "Referentie", Hours: "Uren", Balance: "Saldo",
		Provisional: "voorlopig, maand niet afgesloten", Closed: "afgesloten",
		Opening: "Beginsaldo", Closing: "Eindsaldo", RolledOver: "Overgedragen naar %s", AsOf: "Saldo op %s",
		Kinds:     [7]string{"", "Toekenning", "Verbruik", "Storno", "Naberekening", "Vervallen", "Aanpassing"},
		TermsText: "%s per maand voor %s", RolloverFull: "ongebruikte uren worden overgedragen", RolloverNone: "ongebruikte uren vervallen aan het eind van de maand",
		RolloverCapped: "ongebruikte uren worden tot %s overgedragen", RolloverExpiring: "uren blijven nog %d maanden bruikbaar",
		OverdraftNone: "geen overschrijding", OverdraftLimit: "overschrijding tot %s", OverdraftUnlimited: "overschrijding in overleg",
		Late:     "nageboekt voor %s",
		Allotted: "Toegekend", Consumed: "Verbruikt", Charged: "Nagerekend",

		AckTitle: "Ontvangstbevestiging van uw klacht", OutcomeTitle: "Uitkomst van uw klacht", YourReference: "Uw kenmerk", Received: "Ontvangen",
		AckIntro:    "hartelijk dank voor uw bericht. Wij hebben uw klacht geregistreerd onder kenmerk %s. Vermeld dit kenmerk bij elk volgend bericht.",
		AckTimeline: "Zo gaan wij verder", Step: "Stap", Due: "uiterlijk",
		StepAck: "Ontvangstbevestiging", StepUpdate: "Voortgangsbericht", StepResolution: "Besluit",
		AckClosing:     "Als wij een termijn niet halen, leggen wij u uit waarom en noemen wij een nieuwe datum.",
		ComplaintTypes: [4]string{"", "Klacht over de dienstverlening", "Klacht over een product", "Klacht"},
		Outcome:        "Uitkomst", Decision: "Toelichting", Actions: "Genomen maatregelen", DecidedOn: "Besloten op", DecidedBy: "door",
		Outcomes:      [4]string{"", "Uw klacht is opgelost.", "Uw klacht is afgewezen.", "Besluit"},
		Investigation: "Behandeling", Contacts: "Contacten", Updates: "Voortgangsberichten", Extensions: "Termijnverlengingen",
		Escalated: "U heeft om herbeoordeling gevraagd; die is gedaan door iemand die niet bij het eerste onderzoek betrokken was.", NotEscalated: "Bent u het niet eens met het besluit, dan kunt u om herbeoordeling door een onafhankelijke collega vragen.",
		FirstDecision: "Eerste besluit", FinalDecision: "Besluit na herbeoordeling",
		OutcomeClosing: "Wij danken u voor uw geduld.",
		OutcomeShort:   [4]string{"", "Uitkomst: de klacht is opgelost.", "Uitkomst: de klacht is afgewezen.", "Uitkomst: besloten."},
		DunReminder:    "Betalingsherinnering", DunLevel: "%de aanmaning", DunInvoiceNo: "Factuur",
		DunIntro:   "onze factuur %s van %s was op %s vervallen. Tot vandaag hebben wij het volgende bedrag niet ontvangen.",
		DunRequest: "Wij verzoeken u %s uiterlijk %s over te maken.", DunInvoice: "Factuur %s", DunPayment: "Betaling van %s", DunCredit: "Creditnota van %s",
		DunHeld:     "Het betwiste bedrag van %s manen wij niet aan zolang wij uw bezwaar onderzoeken.",
		DunWithheld: "Het gecorrigeerde bedrag van %s manen wij niet aan; de creditnota volgt.",
		DunDunned:   "Openstaand bedrag", DunFees: "Aanmaningskosten", DunInterest: "Wettelijke rente totaal", DunTotal: "Te betalen",
		DunRate: "%s per jaar (basisrente %s plus %s procentpunt)", DunSpan: "Rente %s–%s (%s dagen) over %s tegen %s",
		DunContact: "Met vragen kunt u terecht bij %s", DunItems: "Openstaande posten", Amount: "Bedrag",
		DisputeItem: "Bezwaar %s van %s: %s", DisputeOpen: "in behandeling, niet aangemaand", DisputeUpheld: "toegekend, %s gecorrigeerd",
		DisputePartly: "deels toegekend, %s gecorrigeerd, %s weer opeisbaar", DisputeRejected: "afgewezen, weer opeisbaar", DisputeWithdrawn: "ingetrokken",
		DisAckTitle: "Ontvangstbevestiging van uw bezwaar", DisAckIntro: "wij hebben uw bezwaar tegen factuur %s ontvangen. Het betwiste bedrag van %s manen wij niet aan totdat het is opgehelderd.",
		DisAckAnswer: "Wij controleren de posten aan de hand van offerte en opdracht en antwoorden u uiterlijk %s.",
		DisLine:      "Regel %s", DisAll: "Het volledige openstaande bedrag", DisAmount: "Betwist bedrag", DisHeld: "Tot opheldering niet aangemaand",
		DisMissing: "Stuur ons voor de controle nog: %s.", DisItems: "Betwiste posten", DisQuote: "Uw omschrijving:",
		QuoteOpen: "‘", QuoteClose: "’",
		Attachments: [5]string{"", "kopie van de offerte", "kopie van de factuur", "kopie van de aanmaning", "overige stukken"},
		InvTitle:    "Factuur", InvCredit: "Creditnota", InvCorrected: "Gecorrigeerde factuur", InvNumber: "Factuurnr.", InvDate: "Factuurdatum",
		InvPeriod: "Leveringsperiode", InvDue: "Vervaldatum", InvOrder: "Uw bestelling", InvPreceding: "Heeft betrekking op factuur %s van %s.", InvPos: "Nr.",
		InvPrepaid: "Reeds betaald", InvDueAmount: "Te betalen",
		InvDebit:      "Het bedrag van %s schrijven wij via SEPA-incasso af van uw rekening %s (machtiging %s, incassant-ID %s).",
		InvTransfer:   "Wij verzoeken u %s over te maken op %s, onder vermelding van %s.",
		InvTransferBy: "Wij verzoeken u %s uiterlijk %s over te maken op %s, onder vermelding van %s.",
		InvReverse:    "btw verlegd", InvIntra: "intracommunautaire levering", InvExempt: "vrijgesteld", InvVATID: "Btw-nr.", InvYourVATID: "Uw btw-nr.",
		ReasonReverse: "Btw verlegd", ReasonIntra: "Intracommunautaire levering",
		Salutation: "Beste %s,", SalutationNone: "Geachte heer, mevrouw,", Regards: "Met vriendelijke groet,",
	},
	English: {
		Page: "Page", Of: "of",
		Customer: "Customer", CustomerNo: "Customer no.", Attention: "Attn.",
		Period: "Period", Issued: "Date", Status: "Status",
		Date: "Date", Ticket: "Ticket", Technician: "Technician", Time: "Time", Billed: "Billed",
		Description: "Description", Quantity: "Quantity", Price: "Price", VAT: "VAT", Net: "Net",
		Net2: "Net amount", VATOn: "plus %s VAT on %s", Total: "Total",
		VATNone: "%s: no VAT on %s",
		Contact: "Your contact", ScopeLabel: "Covers", TimeTotal: "Total time",

		ReportTitle: "Service report", ReportNo: "No.",
		AllBranches: "all branches", HeadOffice: "head office", Branch: "Branch",
		Work: "Work done", Held: "On hold: we need your order first", Charges: "Charges", NoWork: "No work was done in this period.",
		HeldText:       "This work goes beyond what we do without your explicit order. It will be billed only once we have your order.",
		ReportFor:      "Service report for %s",
		InvoiceFollows: "The invoice for %s follows separately and refers to this service report.",
		Unit:           "WU", UnitName: "work unit",
		UnitSize: "1 %s (%s) = %s", RoundUp: "a started unit counts in full", RoundNearest: "rounded to the nearest unit", RoundDown: "only full units are billed",
		Minimum: "at least %d %s per call", PerTicketDay: "a ticket's work of one day is rounded together",
		FreeProvider: "Free of charge: the cause was on our side.", FreeCovered: "Free of charge: covered by the agreed services.", FreeDefault: "Free of charge.",
		FreeJustified:  "Not billed: %s",
		BilledCustomer: "Billed: the analysis found the cause on your side.", BilledOrder: "Billed: work on your order %s.",
		BilledActivity: "Billed by time: %s is not covered by the agreed services.", BilledDefault: "Billed by time: not covered by the agreed services.",
		BilledFlatFee:   "Billed as a technician flat fee.",
		GoodwillPercent: "Goodwill: %s of the time not billed (%s).", GoodwillTime: "Goodwill: %s not billed (%s).",
		Reversal: "Credit: correction of an earlier booking.",
		DayRate:  "day rate", FlatFee: "flat fee", NotBilled: "free", OnQuota: "quota",
		QuotaBooked: "Booked on your quota %s: %s",
		Activities: map[string]string{"support": "Support", "migration": "Account migration", "compromise": "Remedying an account compromise",
			"administration": "Administration", "development": "Software development"},
		LineWork: "Work, ticket %s (%s)", LineDayRate: "Day rate %s", LineFlatFee: "Technician flat fee, ticket %s",
		LineTravelZone: "Travel zone %s, ticket %s", LineTravelKm: "Travel, ticket %s",
		LineQuotaFee: "Quota %s, %s: %s", LineQuotaCorrection: "Quota %s, %s: correction of %s overbooked at the overage rate",
		TermsTransfer: "Payable within %d days of the invoice date without deduction.",
		TermsDebit:    "The amount is collected by SEPA direct debit under mandate %s, not before %s.",
		TermsCredit:   "The credit is refunded to the account you pay from.",
		Credit:        "Credit: %s", PerHour: "h", PerUnit: "",
		UnitCodes: map[string]string{"MIN": "min", "HUR": "h", "DAY": "day", "MON": "month", "KMT": "km", "C62": "pcs", "GB": "GB", "E34": "GB"},

		QuotaTitle: "Quota statement", Contract: "Contract", Terms: "Terms", Movement: "Movement", Reference: "Reference", Hours: "Hours", Balance: "Balance",
		Provisional: "provisional, month not closed", Closed: "closed",
		Opening: "Opening balance", Closing: "Closing balance", RolledOver: "Carried into %s", AsOf: "Balance on %s",
		Kinds:     [7]string{"", "Allotment", "Consumption", "Reversal", "Correction", "Expiry", "Adjustment"},
		TermsText: "%s a month for %s", RolloverFull: "unused hours roll over", RolloverNone: "unused hours lapse at the end of the month",
		RolloverCapped: "unused hours roll over up to %s", RolloverExpiring: "hours stay usable for %d more months",
		OverdraftNone: "no overdraft", OverdraftLimit: "overdraft up to %s", OverdraftUnlimited: "overdraft on request",
		Late:     "booked late for %s",
		Allotted: "Allotted", Consumed: "Consumed", Charged: "Charged",

		AckTitle: "Acknowledgement of your complaint", OutcomeTitle: "Outcome of your complaint", YourReference: "Your reference", Received: "Received",
		AckIntro:    "thank you for your message. We have registered your complaint under the reference %s. Please quote it in all further mail.",
		AckTimeline: "What happens next", Step: "Step", Due: "by",
		StepAck: "Acknowledgement", StepUpdate: "Progress update", StepResolution: "Decision",
		AckClosing:     "If we cannot keep a date, we will tell you why and give you a new one.",
		ComplaintTypes: [4]string{"", "Service complaint", "Product complaint", "Complaint"},
		Outcome:        "Outcome", Decision: "Explanation", Actions: "Actions taken", DecidedOn: "Decided on", DecidedBy: "by",
		Outcomes:      [4]string{"", "Your complaint has been resolved.", "Your complaint has been rejected.", "Decision"},
		Investigation: "Handling", Contacts: "Enquiries", Updates: "Progress updates", Extensions: "Extensions",
		Escalated: "You asked for a review; it was carried out by someone not involved in the first investigation.", NotEscalated: "If you disagree with the decision, you may ask for a review by someone not involved so far.",
		FirstDecision: "First decision", FinalDecision: "Decision after review",
		OutcomeClosing: "Thank you for your patience.",
		OutcomeShort:   [4]string{"", "Outcome: the complaint was resolved.", "Outcome: the complaint was rejected.", "Outcome: decided."},
		DunReminder:    "Payment reminder", DunLevel: "Reminder no. %d", DunInvoiceNo: "Invoice",
		DunIntro:   "our invoice %s for %s was due on %s. To date we have not received the amount below.",
		DunRequest: "Please transfer %s by %s.", DunInvoice: "Invoice %s", DunPayment: "Payment of %s", DunCredit: "Credit note of %s",
		DunHeld:     "We do not demand the disputed amount of %s while we check your dispute.",
		DunWithheld: "We do not demand the corrected amount of %s; the credit note follows.",
		DunDunned:   "Amount open", DunFees: "Dunning fees", DunInterest: "Default interest in total", DunTotal: "To pay",
		DunRate: "%s a year (base rate %s plus %s percentage points)", DunSpan: "Default interest %s–%s (%s days) on %s at %s",
		DunContact: "For questions, please contact %s", DunItems: "Open items", Amount: "Amount",
		DisputeItem: "Dispute %s of %s: %s", DisputeOpen: "being checked, not demanded", DisputeUpheld: "upheld, %s corrected",
		DisputePartly: "partly upheld, %s corrected, %s due again", DisputeRejected: "rejected, due again", DisputeWithdrawn: "withdrawn",
		DisAckTitle: "Acknowledgement of your dispute", DisAckIntro: "we have received your dispute of invoice %s. We will not demand the disputed amount of %s until it is settled.",
		DisAckAnswer: "We check the items against the offer and the order and will answer by %s.",
		DisLine:      "Line %s", DisAll: "The whole open amount", DisAmount: "Amount disputed", DisHeld: "Not demanded until settled",
		DisMissing: "To check it, please also send us: %s.", DisItems: "Items disputed", DisQuote: "Your description:",
		QuoteOpen: "“", QuoteClose: "”",
		Attachments: [5]string{"", "a copy of the offer", "a copy of the invoice", "a copy of the reminder", "other documents"},
		InvTitle:    "Invoice", InvCredit: "Credit note", InvCorrected: "Corrected invoice", InvNumber: "Invoice no.", InvDate: "Invoice date",
		InvPeriod: "Service period", InvDue: "Due on", InvOrder: "Your order", InvPreceding: "Refers to invoice %s of %s.", InvPos: "No.",
		InvPrepaid: "Paid in advance", InvDueAmount: "Amount due",
		InvDebit:      "We will collect %s by SEPA direct debit from your account %s (mandate %s, creditor ID %s).",
		InvTransfer:   "Please transfer %s to %s, quoting %s.",
		InvTransferBy: "Please transfer %s by %s to %s, quoting %s.",
		InvReverse:    "reverse charge", InvIntra: "intra-community supply", InvExempt: "exempt", InvVATID: "VAT ID", InvYourVATID: "Your VAT ID",
		ReasonReverse: "Reverse charge", ReasonIntra: "Intra-community supply",
		Salutation: "Dear %s,", SalutationNone: "Dear Sir or Madam,", Regards: "Kind regards,",
	},
}
