package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"syscall"

	"folio/internal/links"
	"folio/internal/serve"
	"folio/internal/site"
)

type serveOpts struct {
	host, baseURL string
	port          int
	open, minify  bool
	offline       bool
	review        string
}

func serveFlags(w io.Writer) (*flag.FlagSet, *serveOpts) {
	o := &serveOpts{}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.StringVar(&o.host, "host", "127.0.0.1", "`address` to listen on; anything but loopback exposes your drafts to the network")
	fs.IntVar(&o.port, "port", 4000, "`port` to listen on")
	fs.BoolVar(&o.open, "open", false, "open the site in the default browser")
	fs.BoolVar(&o.minify, "minify", false, "minify the pages as folio build does (slower rebuilds)")
	fs.StringVar(&o.baseURL, "base-url", "", "absolute `URL` used for canonical links, as with folio build")
	fs.BoolVar(&o.offline, "offline", false, offlineUsage)
	fs.StringVar(&o.review, "review", "", reviewUsage)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: folio serve [flags] [DIR]\n\nBuilds the site in DIR (default: the current directory), serves it on http://127.0.0.1:4000/\nand rebuilds it on every change; open pages reload by themselves. Nothing is written to public/.\n\nFlags:\n")
		printFlags(fs.Output(), fs)
	}
	return fs, o
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, o := serveFlags(stderr)
	dir, code, ok := parseDir(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if o.port < 0 || o.port > 65535 {
		fmt.Fprintf(stderr, "folio serve: --port %d is not a port\n", o.port)
		return exitUsage
	}
	if !baseURLOK("serve", o.baseURL, stderr) {
		return exitUsage
	}
	if !links.LoopbackHost(o.host) {
		fmt.Fprintf(stderr, "folio: warning: listening on %s makes the preview reachable from other machines\n", o.host)
	}
	opts := serve.Options{
		Build: site.Options{Dir: dir, BaseURL: o.baseURL, NoMinify: !o.minify, Offline: o.offline, Review: o.review},
		Addr:  net.JoinHostPort(o.host, strconv.Itoa(o.port)),
		Log:   stderr,
	}
	err := serve.Run(ctx, opts, func(url string) {
		fmt.Fprintf(stdout, "Serving %s (Ctrl-C to stop)\n", url)
		if o.open {
			openBrowser(url)
		}
	})
	if le := (*serve.ListenError)(nil); errors.As(err, &le) {
		// Before any build: the port is taken (another folio serve?) or
		// not ours to take.
		reason := le.Err
		if se := (*os.SyscallError)(nil); errors.As(reason, &se) {
			reason = se.Err // "address already in use", without the address again
		}
		if errors.Is(reason, syscall.EADDRINUSE) || errors.Is(reason, syscall.EACCES) {
			fmt.Fprintf(stderr, "folio: error: cannot listen on %s: %v; choose another port with --port, e.g. --port %d\n",
				le.Addr, reason, o.port%65535+1)
		} else {
			// Not the port's fault: a host that names no address of this
			// machine (t50).
			fmt.Fprintf(stderr, "folio: error: cannot listen on %s: %v; check --host, which names an address of this machine (default 127.0.0.1)\n",
				le.Addr, reason)
		}
		return exitFail
	}
	if err != nil {
		fmt.Fprintf(stderr, "folio: error: %v\n", err)
		return exitFail
	}
	return exitOK
}

// openBrowser asks the desktop to open url; failing that, the URL printed
// above is enough.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		go func() { _ = cmd.Wait() }()
	}
}
