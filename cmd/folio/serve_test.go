package main

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"folio/internal/testkit"
)

// TestServePortInUse: folio serve on a port that another program holds
// fails at once, before building anything, and says to use --port.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\n[broken](missing.md)\n",
	})
	start := time.Now()
	code, out, errs := runCmd(t, "serve", "--port", strconv.Itoa(port), dir)
	if code != exitFail {
		t.Errorf("exit %d, want %d", code, exitFail)
	}
	if !strings.Contains(errs, "--port") || !strings.Contains(errs, strconv.Itoa(port)) {
		t.Errorf("the error does not name the port and --port: %q", errs)
	}
	// A build would have reported the broken link and said "built".
	if strings.Contains(out+errs, "missing.md") || strings.Contains(out+errs, "built") || strings.Contains(out, "Serving") {
		t.Errorf("the site was built before the port was checked: %q", out+errs)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("failing took %s", d)
	}
}
