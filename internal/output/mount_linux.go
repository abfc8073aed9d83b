package output

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// mountPoint reports whether the folder dir is a mount point, as a
// container's volume is: the kernel's list of mounts names it. A bind
// mount of a folder of the same file system has the device of its parent,
// so comparing devices would miss it.
var mountPoint = func(dir string) bool {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return false
	}
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		// ID parent major:minor root mount-point options…
		fields := strings.Fields(sc.Text())
		if len(fields) > 4 && unescapeMount(fields[4]) == real {
			return true
		}
	}
	return false
}

// unescapeMount reads a path of mountinfo, where a space, tab, newline and
// backslash are written as octal escapes (\040).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			n := 0
			ok := true
			for _, c := range s[i+1 : i+4] {
				if c < '0' || c > '7' {
					ok = false
					break
				}
				n = n*8 + int(c-'0')
			}
			if ok {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
