package openapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"go.yaml.in/yaml/v4"
)

// ErrOffline is returned for a download that --offline forbids.
var ErrOffline = errors.New("not downloaded: --offline forbids downloads")

// Fetcher downloads remote specs once and keeps them in a cache directory,
// so that later builds read them from disk.
type Fetcher struct {
	// Dir is the cache directory; "" keeps nothing between builds.
	Dir string
	// Offline forbids downloads: only the cache is read.
	Offline bool
	// Client makes the requests; nil uses one with a 20-second timeout.
	Client *http.Client
	// MaxSize is the largest spec downloaded, in bytes.
	MaxSize int64

	mu   sync.Mutex
	done map[string]*fetched
}

type fetched struct {
	once sync.Once
	data []byte
	err  error
}

// NewFetcher returns a fetcher that caches in the user's cache directory
// (folio/openapi under os.UserCacheDir).
func NewFetcher(offline bool) *Fetcher {
	dir := ""
	if base, err := os.UserCacheDir(); err == nil {
		dir = filepath.Join(base, "folio", "openapi")
	}
	return &Fetcher{Dir: dir, Offline: offline, MaxSize: 16 << 20}
}

// Fetch returns the bytes at rawURL (http or https): from the cache when
// it has them, else downloaded once.
func (f *Fetcher) Fetch(rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%s is not an http(s) URL", rawURL)
	}
	f.mu.Lock()
	if f.done == nil {
		f.done = map[string]*fetched{}
	}
	e := f.done[rawURL]
	if e == nil {
		e = &fetched{}
		f.done[rawURL] = e
	}
	f.mu.Unlock()
	e.once.Do(func() { e.data, e.err = f.fetch(rawURL) })
	return e.data, e.err
}

// defaultClient downloads specs, never from a link-local address: a
// page's block names the URL, and a repository built in a cloud's CI
// must not read the machine's metadata service (169.254.169.254) with
// the build's rights. The address is judged when it is dialled, after
// DNS and at each redirect. Loopback and private addresses stay open: a
// spec served by the API under development, or on an intranet.
var defaultClient = &http.Client{
	Timeout: 20 * time.Second,
	Transport: &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{Timeout: 10 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip, err := netip.ParseAddr(host); err == nil && refusedAddr(ip) {
				return fmt.Errorf("%s is a link-local or unspecified address: not downloaded from", host)
			}
			return nil
		}}).DialContext,
		TLSHandshakeTimeout: 10 * time.Second,
	},
}

// refusedAddr reports whether a spec is never downloaded from ip.
func refusedAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsUnspecified() || ip.IsMulticast()
}

func (f *Fetcher) cachePath(rawURL string) string {
	if f.Dir == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(rawURL))
	return filepath.Join(f.Dir, hex.EncodeToString(sum[:16]))
}

func (f *Fetcher) fetch(rawURL string) ([]byte, error) {
	cached := f.cachePath(rawURL)
	if cached != "" {
		// A cached file that is no spec, an error page an earlier release
		// kept, is downloaded again (cheaply told: every build reads it).
		if b, err := os.ReadFile(cached); err == nil && LooksLikeSpec(b) {
			return b, nil
		}
	}
	if f.Offline {
		return nil, ErrOffline
	}
	c := f.Client
	if c == nil {
		c = defaultClient
	}
	resp, err := c.Get(rawURL)
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download: %s answered %s", rawURL, resp.Status)
	}
	limit := f.MaxSize
	if limit <= 0 {
		limit = 16 << 20
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("download: %s is larger than %d MB", rawURL, limit>>20)
	}
	// Only a spec is kept: an error page served with 200 (a rate limit, a
	// login) was kept for good, and each later build failed on it (t84).
	// The caller says what is wrong with the body.
	if cached != "" && isSpecDocument(b) {
		// The cache only saves time: a failure to write it is not an error.
		if os.MkdirAll(filepath.Dir(cached), 0o755) == nil {
			tmp := cached + ".tmp" + fmt.Sprint(os.Getpid())
			if os.WriteFile(tmp, b, 0o644) == nil {
				_ = os.Rename(tmp, cached)
			}
		}
	}
	return b, nil
}

// isSpecDocument reports whether b is a YAML or JSON document whose
// top-level mapping has an openapi or swagger key. Its node tree is
// enough: aliases are not expanded.
func isSpecDocument(b []byte) bool {
	var doc yaml.Node
	if yaml.Unmarshal(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), &doc) != nil || len(doc.Content) == 0 {
		return false
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k := root.Content[i].Value; k == "openapi" || k == "swagger" {
			return true
		}
	}
	return false
}

// MapSource returns the local path (relative to the site, slash-separated)
// of a URL under one of the mapped prefixes, and whether one matched. The
// longest prefix wins.
func MapSource(sources map[string]string, rawURL string) (string, bool) {
	best := ""
	for prefix := range sources {
		if strings.HasPrefix(rawURL, prefix) && len(prefix) > len(best) {
			best = prefix
		}
	}
	if best == "" {
		return "", false
	}
	rest := strings.TrimPrefix(rawURL, best)
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	dir := strings.TrimRight(sources[best], "/")
	if dir == "" {
		dir = "."
	}
	return dir + "/" + strings.TrimLeft(rest, "/"), true
}
