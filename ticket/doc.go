// Package ticket is the service desk's ticket system (requirements T1-T8).
package ticket
