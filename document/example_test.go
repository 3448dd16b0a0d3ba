package document_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/deskcore/deskcore/billing"
	"github.com/deskcore/deskcore/document"
	"github.com/deskcore/deskcore/document/internal/scenario"
)

// A service report of two entries in German, as the plain text of the
// e-mail that carries it.
func ExampleNewServiceReport() {
	dr, err := billing.BillerConfig{}.DraftReports(scenario.Contract, scenario.June, scenario.Entries(2), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	opts := document.Options{
		Provider:  document.Provider{Name: "Systemhaus Emsland GmbH", VATID: "USt-IdNr. DE123456789"},
		Recipient: document.Recipient{CustomerID: "kruse", Language: document.German},
		Names:     document.Names{Customers: map[string]string{"kruse": "Möbel Kruse GmbH"}, People: map[string]string{"max": "Max Weber", "eva": "Eva Schäfer"}},
	}
	v, err := document.NewServiceReport(dr.Reports[0], billing.UnitPolicy{Size: 15 * time.Minute}, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	var mail strings.Builder
	if err := v.WriteText(&mail); err != nil {
		fmt.Println(err)
		return
	}
	// Amounts and hours hold together with no-break spaces; shown here
	// as plain spaces.
	fmt.Print(strings.ReplaceAll(mail.String(), "\u00a0", " "))
	// Output:
	// Systemhaus Emsland GmbH
	// ────────────────────────────────────────────────────────────────────────────────
	// Möbel Kruse GmbH
	//
	// Leistungsübersicht
	// ══════════════════
	// Nr.:      SR/2026-06/kruse
	// Kunde:    Möbel Kruse GmbH
	// Bereich:  alle Niederlassungen
	// Zeitraum: Juni 2026
	// Datum:    01.07.2026
	//
	// Erbrachte Leistungen
	// ────────────────────
	//
	// Datum       Ticket  Techniker         Zeit   Berechnet
	// ──────────────────────────────────────────────────────
	// 08.06.2026  T-1     Max Weber    1:20 Std.        6 AE
	//     Lizenzdienst der Warenwirtschaft neu registriert (Schlüssel war abgelaufen)
	//     Berechnet: Die Analyse ergab die Ursache auf Ihrer Seite.
	// 08.06.2026  T-2     Eva Schäfer  0:40 Std.  kostenfrei
	//     Backup-Job nach unserem Agent-Update repariert
	//     Kostenfrei: Die Ursache lag in unserem Verantwortungsbereich.
	//
	//                                 Zeit gesamt  2:00 Std.
	//
	// Berechnung
	// ──────────
	//
	// Datum       Beschreibung                     Menge         Preis  USt.     Netto
	// ────────────────────────────────────────────────────────────────────────────────
	// 08.06.2026  Arbeitszeit, Ticket T-1      1:30 Std.  95,00 €/Std.  19 %  142,50 €
	//             (6 AE)
	//
	//                                           Nettobetrag                   142,50 €
	//                                           zzgl. 19 % USt. auf 142,50 €   27,08 €
	//                                           ──────────────────────────────────────
	//                                           Gesamtbetrag                  169,58 €
	//
	// Die Rechnung über 169,58 € folgt gesondert und nennt diese Leistungsübersicht.
	//
	// 1 AE (Arbeitseinheit) = 15 Minuten; angefangene Einheiten werden voll berechnet.
	//
	// ────────────────────────────────────────────────────────────────────────────────
	// USt-IdNr. DE123456789
}
