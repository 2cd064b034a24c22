// Outside the signed-in shell (e.g. an unknown top-level path), the same plain page.
export { default } from "./(app)/not-found";
