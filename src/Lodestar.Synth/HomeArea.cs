namespace Lodestar.Synth;

/// <summary>A ZIP code a person can live at, with the point their home is scattered around.</summary>
internal readonly record struct HomeArea(string Zip, string City, double Latitude, double Longitude);
