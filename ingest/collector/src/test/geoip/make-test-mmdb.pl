#!/usr/bin/perl
# Writes the two small GeoIP2-format databases the collector's tests use, with MaxMind's own
# writer (Debian: apt-get install libmaxmind-db-writer-perl). The output is committed under
# src/test/resources/geoip, so builds do not need Perl; rerun this after changing the data.
# Addresses are from the documentation ranges (RFC 5737, RFC 3849), never real networks.
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $out = shift @ARGV // '../resources/geoip';

my %city_types = (
    country      => 'map',
    iso_code     => 'utf8_string',
    names        => 'map',
    en           => 'utf8_string',
    subdivisions => ['array', 'map'],
    city         => 'map',
);
my $city = MaxMind::DB::Writer::Tree->new(
    ip_version            => 6,
    record_size           => 24,
    remove_reserved_networks => 0,
    database_type         => 'GeoIP2-City',
    languages             => ['en'],
    description           => { en => 'OpenQoE collector test data' },
    map_key_type_callback => sub { $city_types{ $_[0] } },
);
$city->insert_network('203.0.113.0/24', {
    country      => { iso_code => 'DE', names => { en => 'Germany' } },
    subdivisions => [ { iso_code => 'BE', names => { en => 'Berlin' } } ],
    city         => { names => { en => 'Berlin' } },
});
$city->insert_network('2001:db8:1::/48', {
    country      => { iso_code => 'FR', names => { en => 'France' } },
    subdivisions => [ { iso_code => 'IDF', names => { en => 'Ile-de-France' } } ],
});
open my $fh, '>:raw', "$out/test-city.mmdb" or die "cannot write $out/test-city.mmdb: $!";
$city->write_tree($fh);
close $fh;

my %asn_types = (
    autonomous_system_number       => 'uint32',
    autonomous_system_organization => 'utf8_string',
);
my $asn = MaxMind::DB::Writer::Tree->new(
    ip_version            => 6,
    record_size           => 24,
    remove_reserved_networks => 0,
    database_type         => 'GeoLite2-ASN',
    languages             => ['en'],
    description           => { en => 'OpenQoE collector test data' },
    map_key_type_callback => sub { $asn_types{ $_[0] } },
);
$asn->insert_network('203.0.113.0/24', {
    autonomous_system_number       => 64496,
    autonomous_system_organization => 'Documentation AS',
});
open $fh, '>:raw', "$out/test-asn.mmdb" or die "cannot write $out/test-asn.mmdb: $!";
$asn->write_tree($fh);
close $fh;
print "wrote $out/test-city.mmdb and $out/test-asn.mmdb\n";
