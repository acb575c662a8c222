// Command pulumi-resource-kubernetes is upstream's provider main
// (github.com/pulumi/pulumi-kubernetes/provider/v4/cmd/pulumi-resource-kubernetes), repeated here
// because upstream's package embeds two generated, gitignored files that the module zip lacks.
// tools/pulumi/build.sh generates them next to this file (in a build copy outside the repo) with
// ./gen, exactly as upstream's generate.go does, then builds this package.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
