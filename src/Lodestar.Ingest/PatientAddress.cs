using Lodestar.Geography;
using Lodestar.Tables;

namespace Lodestar.Ingest;

/// <summary>
/// Adds <c>county_fips</c> to the patient table from the address columns the shipped patient view
/// produces: district (county name), else postal code, else geolocation (see <see cref="CountyResolver"/>).
/// </summary>
public static class PatientAddress
{
    public const string Table = "patient";
    public const string State = "address_state";
    public const string District = "address_district";
    public const string PostalCode = "address_postal_code";
    public const string Latitude = "address_latitude";
    public const string Longitude = "address_longitude";
    public const string CountyFips = "county_fips";

    public static (Table Table, CountySummary Summary) AddCounty(Table patients, CountyResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(patients);
        ArgumentNullException.ThrowIfNull(resolver);
        string? Text(string column, int row) => patients.Has(column) ? patients[column].Format(row) : null;
        double? Number(string column, int row) => patients.Has(column) && patients[column] is DoubleColumn d && !d.IsNull(row) ? d.Values[row] : null;
        var fips = new StringColumnBuilder(CountyFips);
        long district = 0, postal = 0, coordinates = 0, unresolved = 0;
        for (var row = 0; row < patients.RowCount; row++)
        {
            var result = resolver.Resolve(Text(State, row), Text(District, row), Text(PostalCode, row), Number(Latitude, row), Number(Longitude, row));
            fips.Append(result.County?.Fips);
            switch (result.Method)
            {
                case ResolutionMethod.District: district++; break;
                case ResolutionMethod.PostalCode: postal++; break;
                case ResolutionMethod.Coordinates: coordinates++; break;
                default: unresolved++; break;
            }
        }
        var columns = patients.Columns.Where(c => c.Name != CountyFips).Append(fips.Build()).ToList();
        return (new Table(patients.Name, columns), new CountySummary(district, postal, coordinates, unresolved));
    }
}
