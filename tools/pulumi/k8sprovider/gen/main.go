// Command gen writes the provider's embedded JSON files, as upstream's
// cmd/pulumi-resource-kubernetes/generate.go does: the schema with its version set, and the
// terraform mapping, each decoded and re-encoded compactly.
//
// Usage: go run ./gen INPUT.json VERSION OUTPUT.json   (VERSION "" = not a schema; re-encode only)
package main

import (
	"encoding/json"
	"log"
	"os"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func main() {
	if len(os.Args) != 4 {
		log.Fatal("usage: gen INPUT.json VERSION OUTPUT.json")
	}
	in, version, out := os.Args[1], os.Args[2], os.Args[3]
	contents, err := os.ReadFile(in)
	if err != nil {
		log.Fatal(err)
	}
	var encoded []byte
	if version != "" {
		var spec schema.PackageSpec
		if err := json.Unmarshal(contents, &spec); err != nil {
			log.Fatalf("cannot deserialize schema %s: %v", in, err)
		}
		spec.Version = version
		encoded, err = json.Marshal(spec)
	} else {
		var mapping interface{}
		if err := json.Unmarshal(contents, &mapping); err != nil {
			log.Fatalf("cannot deserialize %s: %v", in, err)
		}
		encoded, err = json.Marshal(mapping)
	}
	if err != nil {
		log.Fatalf("cannot reserialize %s: %v", in, err)
	}
	if err := os.WriteFile(out, encoded, 0o600); err != nil {
		log.Fatal(err)
	}
}
