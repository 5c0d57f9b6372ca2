using Lodestar.Geography;

namespace Lodestar.Synth;

/// <summary>Who a synthetic person is and where they live; drawn first, before any history.</summary>
internal readonly record struct PersonTraits(
    long Index,
    County County,
    OmbGroup Group,
    bool Female,
    DateOnly BirthDate,
    string Zip,
    string City,
    double Latitude,
    double Longitude,
    string Language)
{
    /// <summary>Position of <see cref="County"/> in the run's <see cref="PopulationModel"/>.</summary>
    public int CountyIndex { get; init; }

    public int AgeOn(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        if (date.Month < BirthDate.Month || (date.Month == BirthDate.Month && date.Day < BirthDate.Day))
        {
            age--;
        }
        return age;
    }
}
