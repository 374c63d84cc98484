/** The `cdk` entry point (cdk.json): `npx cdk synth [-c stage=dev|prod]`. */
import { buildApp } from './build-app';

buildApp();
