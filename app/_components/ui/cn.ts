import { clsx, type ClassValue } from "clsx";

/** Joins class names (clsx). Components put caller classes last so they can override. */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
