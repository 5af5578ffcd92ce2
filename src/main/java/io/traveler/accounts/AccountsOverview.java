package io.traveler.accounts;

/** Live counts of one organization for the home page. */
public record AccountsOverview(long employees, long stations, long locations, long members, long activePartners) {}
