/**
 * The cdk8s app `cdk8s synth` runs (see cdk8s.yaml): the reference blueprint for the environment in
 * BULWARK_ENV (default dev), written to cdk8s's output folder and validated by Bulwark's plugin.
 */
import { App } from 'cdk8s';
import { buildBlueprint, environmentNamed } from '.';

const app = new App();
buildBlueprint(app, environmentNamed(process.env.BULWARK_ENV ?? 'dev'));
app.synth();
