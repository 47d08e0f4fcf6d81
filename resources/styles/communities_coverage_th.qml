<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis hasScaleBasedVisibilityFlag="0" labelsEnabled="1" maxScale="0" minScale="100000000" simplifyAlgorithm="0" simplifyDrawingHints="1" simplifyDrawingTol="1" simplifyLocal="1" simplifyMaxScale="1" styleCategories="Symbology|Labeling|Rendering" symbologyReferenceScale="-1" version="">
 <renderer-v2 enableorderby="0" forceraster="0" referencescale="-1" symbollevels="0" type="RuleRenderer">
  <rules key="{kr8310-coverage-root}">
   <rule filter="&quot;coverage_flag&quot; = 'over_register'" key="{kr8310-coverage-over-register}" label="เกินทะเบียน (มากกว่า 100 %)" symbol="0"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'zero_registered'" key="{kr8310-coverage-zero-registered}" label="ไม่มีครัวเรือนตามทะเบียน" symbol="1"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'no_data'" key="{kr8310-coverage-no-data}" label="ยังไม่มีข้อมูล" symbol="2"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 0 AND &quot;coverage_pct&quot; &lt; 10" key="{kr8310-coverage-000}" label="0 – 10 %" symbol="3"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 10 AND &quot;coverage_pct&quot; &lt; 20" key="{kr8310-coverage-010}" label="10 – 20 %" symbol="4"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 20 AND &quot;coverage_pct&quot; &lt; 30" key="{kr8310-coverage-020}" label="20 – 30 %" symbol="5"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 30 AND &quot;coverage_pct&quot; &lt; 40" key="{kr8310-coverage-030}" label="30 – 40 %" symbol="6"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 40 AND &quot;coverage_pct&quot; &lt; 50" key="{kr8310-coverage-040}" label="40 – 50 %" symbol="7"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 50 AND &quot;coverage_pct&quot; &lt; 60" key="{kr8310-coverage-050}" label="50 – 60 %" symbol="8"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 60 AND &quot;coverage_pct&quot; &lt; 70" key="{kr8310-coverage-060}" label="60 – 70 %" symbol="9"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 70 AND &quot;coverage_pct&quot; &lt; 80" key="{kr8310-coverage-070}" label="70 – 80 %" symbol="10"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 80 AND &quot;coverage_pct&quot; &lt; 90" key="{kr8310-coverage-080}" label="80 – 90 %" symbol="11"></rule>
   <rule filter="&quot;coverage_flag&quot; = 'ok' AND &quot;coverage_pct&quot; >= 90 AND &quot;coverage_pct&quot; &lt;= 100" key="{kr8310-coverage-090}" label="90 – 100 %" symbol="12"></rule>
   <rule filter="ELSE" key="{kr8310-coverage-not-computed}" label="ยังไม่ได้คำนวณ" symbol="13"></rule>
  </rules>
  <symbols>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="0" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="198,219,239,255"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="8,48,107,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.6"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="198,219,239,255"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="8,48,107,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.6"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
    <layer class="LinePatternFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="angle" type="QString" value="45"></Option>
      <Option name="color" type="QString" value="8,48,107,255"></Option>
      <Option name="distance" type="QString" value="1.6"></Option>
      <Option name="distance_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="distance_unit" type="QString" value="MM"></Option>
      <Option name="line_width" type="QString" value="0.3"></Option>
      <Option name="line_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="line_width_unit" type="QString" value="MM"></Option>
      <Option name="offset" type="QString" value="0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
     </Option>
     <prop k="angle" v="45"></prop>
     <prop k="color" v="8,48,107,255"></prop>
     <prop k="distance" v="1.6"></prop>
     <prop k="distance_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="distance_unit" v="MM"></prop>
     <prop k="line_width" v="0.3"></prop>
     <prop k="line_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="line_width_unit" v="MM"></prop>
     <prop k="offset" v="0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
     <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="@0@1" type="line">
      <data_defined_properties>
       <Option type="Map">
        <Option name="name" type="QString" value=""></Option>
        <Option name="properties"></Option>
        <Option name="type" type="QString" value="collection"></Option>
       </Option>
      </data_defined_properties>
      <layer class="SimpleLine" enabled="1" locked="0" pass="0">
       <Option type="Map">
        <Option name="align_dash_pattern" type="QString" value="0"></Option>
        <Option name="capstyle" type="QString" value="square"></Option>
        <Option name="customdash" type="QString" value="5;2"></Option>
        <Option name="customdash_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="customdash_unit" type="QString" value="MM"></Option>
        <Option name="dash_pattern_offset" type="QString" value="0"></Option>
        <Option name="dash_pattern_offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="dash_pattern_offset_unit" type="QString" value="MM"></Option>
        <Option name="draw_inside_polygon" type="QString" value="0"></Option>
        <Option name="joinstyle" type="QString" value="bevel"></Option>
        <Option name="line_color" type="QString" value="8,48,107,255"></Option>
        <Option name="line_style" type="QString" value="solid"></Option>
        <Option name="line_width" type="QString" value="0.3"></Option>
        <Option name="line_width_unit" type="QString" value="MM"></Option>
        <Option name="offset" type="QString" value="0"></Option>
        <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="offset_unit" type="QString" value="MM"></Option>
        <Option name="ring_filter" type="QString" value="0"></Option>
        <Option name="trim_distance_end" type="QString" value="0"></Option>
        <Option name="trim_distance_end_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="trim_distance_end_unit" type="QString" value="MM"></Option>
        <Option name="trim_distance_start" type="QString" value="0"></Option>
        <Option name="trim_distance_start_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="trim_distance_start_unit" type="QString" value="MM"></Option>
        <Option name="tweak_dash_pattern_on_corners" type="QString" value="0"></Option>
        <Option name="use_custom_dash" type="QString" value="0"></Option>
        <Option name="width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
       </Option>
       <prop k="align_dash_pattern" v="0"></prop>
       <prop k="capstyle" v="square"></prop>
       <prop k="customdash" v="5;2"></prop>
       <prop k="customdash_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="customdash_unit" v="MM"></prop>
       <prop k="dash_pattern_offset" v="0"></prop>
       <prop k="dash_pattern_offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="dash_pattern_offset_unit" v="MM"></prop>
       <prop k="draw_inside_polygon" v="0"></prop>
       <prop k="joinstyle" v="bevel"></prop>
       <prop k="line_color" v="8,48,107,255"></prop>
       <prop k="line_style" v="solid"></prop>
       <prop k="line_width" v="0.3"></prop>
       <prop k="line_width_unit" v="MM"></prop>
       <prop k="offset" v="0"></prop>
       <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="offset_unit" v="MM"></prop>
       <prop k="ring_filter" v="0"></prop>
       <prop k="trim_distance_end" v="0"></prop>
       <prop k="trim_distance_end_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="trim_distance_end_unit" v="MM"></prop>
       <prop k="trim_distance_start" v="0"></prop>
       <prop k="trim_distance_start_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="trim_distance_start_unit" v="MM"></prop>
       <prop k="tweak_dash_pattern_on_corners" v="0"></prop>
       <prop k="use_custom_dash" v="0"></prop>
       <prop k="width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <data_defined_properties>
        <Option type="Map">
         <Option name="name" type="QString" value=""></Option>
         <Option name="properties"></Option>
         <Option name="type" type="QString" value="collection"></Option>
        </Option>
       </data_defined_properties>
      </layer>
     </symbol>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="1" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="255,255,255,255"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="123,50,148,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.5"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="255,255,255,255"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="123,50,148,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.5"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
    <layer class="LinePatternFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="angle" type="QString" value="0"></Option>
      <Option name="color" type="QString" value="123,50,148,255"></Option>
      <Option name="distance" type="QString" value="1.6"></Option>
      <Option name="distance_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="distance_unit" type="QString" value="MM"></Option>
      <Option name="line_width" type="QString" value="0.3"></Option>
      <Option name="line_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="line_width_unit" type="QString" value="MM"></Option>
      <Option name="offset" type="QString" value="0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
     </Option>
     <prop k="angle" v="0"></prop>
     <prop k="color" v="123,50,148,255"></prop>
     <prop k="distance" v="1.6"></prop>
     <prop k="distance_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="distance_unit" v="MM"></prop>
     <prop k="line_width" v="0.3"></prop>
     <prop k="line_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="line_width_unit" v="MM"></prop>
     <prop k="offset" v="0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
     <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="@1@1" type="line">
      <data_defined_properties>
       <Option type="Map">
        <Option name="name" type="QString" value=""></Option>
        <Option name="properties"></Option>
        <Option name="type" type="QString" value="collection"></Option>
       </Option>
      </data_defined_properties>
      <layer class="SimpleLine" enabled="1" locked="0" pass="0">
       <Option type="Map">
        <Option name="align_dash_pattern" type="QString" value="0"></Option>
        <Option name="capstyle" type="QString" value="square"></Option>
        <Option name="customdash" type="QString" value="5;2"></Option>
        <Option name="customdash_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="customdash_unit" type="QString" value="MM"></Option>
        <Option name="dash_pattern_offset" type="QString" value="0"></Option>
        <Option name="dash_pattern_offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="dash_pattern_offset_unit" type="QString" value="MM"></Option>
        <Option name="draw_inside_polygon" type="QString" value="0"></Option>
        <Option name="joinstyle" type="QString" value="bevel"></Option>
        <Option name="line_color" type="QString" value="123,50,148,255"></Option>
        <Option name="line_style" type="QString" value="solid"></Option>
        <Option name="line_width" type="QString" value="0.3"></Option>
        <Option name="line_width_unit" type="QString" value="MM"></Option>
        <Option name="offset" type="QString" value="0"></Option>
        <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="offset_unit" type="QString" value="MM"></Option>
        <Option name="ring_filter" type="QString" value="0"></Option>
        <Option name="trim_distance_end" type="QString" value="0"></Option>
        <Option name="trim_distance_end_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="trim_distance_end_unit" type="QString" value="MM"></Option>
        <Option name="trim_distance_start" type="QString" value="0"></Option>
        <Option name="trim_distance_start_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="trim_distance_start_unit" type="QString" value="MM"></Option>
        <Option name="tweak_dash_pattern_on_corners" type="QString" value="0"></Option>
        <Option name="use_custom_dash" type="QString" value="0"></Option>
        <Option name="width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
       </Option>
       <prop k="align_dash_pattern" v="0"></prop>
       <prop k="capstyle" v="square"></prop>
       <prop k="customdash" v="5;2"></prop>
       <prop k="customdash_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="customdash_unit" v="MM"></prop>
       <prop k="dash_pattern_offset" v="0"></prop>
       <prop k="dash_pattern_offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="dash_pattern_offset_unit" v="MM"></prop>
       <prop k="draw_inside_polygon" v="0"></prop>
       <prop k="joinstyle" v="bevel"></prop>
       <prop k="line_color" v="123,50,148,255"></prop>
       <prop k="line_style" v="solid"></prop>
       <prop k="line_width" v="0.3"></prop>
       <prop k="line_width_unit" v="MM"></prop>
       <prop k="offset" v="0"></prop>
       <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="offset_unit" v="MM"></prop>
       <prop k="ring_filter" v="0"></prop>
       <prop k="trim_distance_end" v="0"></prop>
       <prop k="trim_distance_end_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="trim_distance_end_unit" v="MM"></prop>
       <prop k="trim_distance_start" v="0"></prop>
       <prop k="trim_distance_start_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="trim_distance_start_unit" v="MM"></prop>
       <prop k="tweak_dash_pattern_on_corners" v="0"></prop>
       <prop k="use_custom_dash" v="0"></prop>
       <prop k="width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <data_defined_properties>
        <Option type="Map">
         <Option name="name" type="QString" value=""></Option>
         <Option name="properties"></Option>
         <Option name="type" type="QString" value="collection"></Option>
        </Option>
       </data_defined_properties>
      </layer>
     </symbol>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="10" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="102,189,99,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="102,189,99,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="11" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="26,152,80,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="26,152,80,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="12" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="0,104,55,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="0,104,55,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="13" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="255,255,255,0"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="189,189,189,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="255,255,255,0"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="189,189,189,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="2" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="224,224,224,255"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="115,115,115,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.3"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="224,224,224,255"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="115,115,115,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.3"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
    <layer class="LinePatternFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="angle" type="QString" value="-45"></Option>
      <Option name="color" type="QString" value="115,115,115,255"></Option>
      <Option name="distance" type="QString" value="1.6"></Option>
      <Option name="distance_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="distance_unit" type="QString" value="MM"></Option>
      <Option name="line_width" type="QString" value="0.3"></Option>
      <Option name="line_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="line_width_unit" type="QString" value="MM"></Option>
      <Option name="offset" type="QString" value="0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
     </Option>
     <prop k="angle" v="-45"></prop>
     <prop k="color" v="115,115,115,255"></prop>
     <prop k="distance" v="1.6"></prop>
     <prop k="distance_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="distance_unit" v="MM"></prop>
     <prop k="line_width" v="0.3"></prop>
     <prop k="line_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="line_width_unit" v="MM"></prop>
     <prop k="offset" v="0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
     <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="@2@1" type="line">
      <data_defined_properties>
       <Option type="Map">
        <Option name="name" type="QString" value=""></Option>
        <Option name="properties"></Option>
        <Option name="type" type="QString" value="collection"></Option>
       </Option>
      </data_defined_properties>
      <layer class="SimpleLine" enabled="1" locked="0" pass="0">
       <Option type="Map">
        <Option name="align_dash_pattern" type="QString" value="0"></Option>
        <Option name="capstyle" type="QString" value="square"></Option>
        <Option name="customdash" type="QString" value="5;2"></Option>
        <Option name="customdash_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="customdash_unit" type="QString" value="MM"></Option>
        <Option name="dash_pattern_offset" type="QString" value="0"></Option>
        <Option name="dash_pattern_offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="dash_pattern_offset_unit" type="QString" value="MM"></Option>
        <Option name="draw_inside_polygon" type="QString" value="0"></Option>
        <Option name="joinstyle" type="QString" value="bevel"></Option>
        <Option name="line_color" type="QString" value="115,115,115,255"></Option>
        <Option name="line_style" type="QString" value="solid"></Option>
        <Option name="line_width" type="QString" value="0.3"></Option>
        <Option name="line_width_unit" type="QString" value="MM"></Option>
        <Option name="offset" type="QString" value="0"></Option>
        <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="offset_unit" type="QString" value="MM"></Option>
        <Option name="ring_filter" type="QString" value="0"></Option>
        <Option name="trim_distance_end" type="QString" value="0"></Option>
        <Option name="trim_distance_end_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="trim_distance_end_unit" type="QString" value="MM"></Option>
        <Option name="trim_distance_start" type="QString" value="0"></Option>
        <Option name="trim_distance_start_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="trim_distance_start_unit" type="QString" value="MM"></Option>
        <Option name="tweak_dash_pattern_on_corners" type="QString" value="0"></Option>
        <Option name="use_custom_dash" type="QString" value="0"></Option>
        <Option name="width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
       </Option>
       <prop k="align_dash_pattern" v="0"></prop>
       <prop k="capstyle" v="square"></prop>
       <prop k="customdash" v="5;2"></prop>
       <prop k="customdash_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="customdash_unit" v="MM"></prop>
       <prop k="dash_pattern_offset" v="0"></prop>
       <prop k="dash_pattern_offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="dash_pattern_offset_unit" v="MM"></prop>
       <prop k="draw_inside_polygon" v="0"></prop>
       <prop k="joinstyle" v="bevel"></prop>
       <prop k="line_color" v="115,115,115,255"></prop>
       <prop k="line_style" v="solid"></prop>
       <prop k="line_width" v="0.3"></prop>
       <prop k="line_width_unit" v="MM"></prop>
       <prop k="offset" v="0"></prop>
       <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="offset_unit" v="MM"></prop>
       <prop k="ring_filter" v="0"></prop>
       <prop k="trim_distance_end" v="0"></prop>
       <prop k="trim_distance_end_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="trim_distance_end_unit" v="MM"></prop>
       <prop k="trim_distance_start" v="0"></prop>
       <prop k="trim_distance_start_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="trim_distance_start_unit" v="MM"></prop>
       <prop k="tweak_dash_pattern_on_corners" v="0"></prop>
       <prop k="use_custom_dash" v="0"></prop>
       <prop k="width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <data_defined_properties>
        <Option type="Map">
         <Option name="name" type="QString" value=""></Option>
         <Option name="properties"></Option>
         <Option name="type" type="QString" value="collection"></Option>
        </Option>
       </data_defined_properties>
      </layer>
     </symbol>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="3" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="165,0,38,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="165,0,38,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="4" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="215,48,39,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="215,48,39,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="5" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="244,109,67,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="244,109,67,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="6" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="253,174,97,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="253,174,97,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="7" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="254,224,139,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="254,224,139,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="8" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="217,239,139,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="217,239,139,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
   <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="9" type="fill">
    <data_defined_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </data_defined_properties>
    <layer class="SimpleFill" enabled="1" locked="0" pass="0">
     <Option type="Map">
      <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="color" type="QString" value="166,217,106,230"></Option>
      <Option name="joinstyle" type="QString" value="bevel"></Option>
      <Option name="offset" type="QString" value="0,0"></Option>
      <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
      <Option name="offset_unit" type="QString" value="MM"></Option>
      <Option name="outline_color" type="QString" value="77,77,77,255"></Option>
      <Option name="outline_style" type="QString" value="solid"></Option>
      <Option name="outline_width" type="QString" value="0.26"></Option>
      <Option name="outline_width_unit" type="QString" value="MM"></Option>
      <Option name="style" type="QString" value="solid"></Option>
     </Option>
     <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="color" v="166,217,106,230"></prop>
     <prop k="joinstyle" v="bevel"></prop>
     <prop k="offset" v="0,0"></prop>
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
     <prop k="offset_unit" v="MM"></prop>
     <prop k="outline_color" v="77,77,77,255"></prop>
     <prop k="outline_style" v="solid"></prop>
     <prop k="outline_width" v="0.26"></prop>
     <prop k="outline_width_unit" v="MM"></prop>
     <prop k="style" v="solid"></prop>
     <data_defined_properties>
      <Option type="Map">
       <Option name="name" type="QString" value=""></Option>
       <Option name="properties"></Option>
       <Option name="type" type="QString" value="collection"></Option>
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
  </symbols>
 </renderer-v2>
 <labeling type="simple">
  <settings calloutType="simple">
   <text-style allowHtml="0" blendMode="0" capitalization="0" fieldName="CASE WHEN &quot;coverage_pct&quot; IS NULL THEN '–' ELSE format_number(&quot;coverage_pct&quot;, 1) || ' %' END" fontFamily="Loma" fontItalic="0" fontKerning="1" fontLetterSpacing="0" fontSize="9" fontSizeMapUnitScale="3x:0,0,0,0,0,0" fontSizeUnit="Point" fontStrikeout="0" fontUnderline="0" fontWeight="75" fontWordSpacing="0" isExpression="1" legendString="Aa" multilineHeight="1" namedStyle="" previewBkgrdColor="255,255,255,255" textColor="32,32,32,255" textOpacity="1" textOrientation="horizontal" useSubstitutions="0">
    <families></families>
    <text-buffer bufferBlendMode="0" bufferColor="255,255,255,220" bufferDraw="1" bufferJoinStyle="128" bufferNoFill="1" bufferOpacity="1" bufferSize="1" bufferSizeMapUnitScale="3x:0,0,0,0,0,0" bufferSizeUnits="MM"></text-buffer>
    <text-mask maskEnabled="0" maskJoinStyle="128" maskOpacity="1" maskSize="1.5" maskSizeMapUnitScale="3x:0,0,0,0,0,0" maskSizeUnits="MM" maskType="0" maskedSymbolLayers=""></text-mask>
    <background shapeBlendMode="0" shapeBorderColor="128,128,128,255" shapeBorderWidth="0" shapeBorderWidthMapUnitScale="3x:0,0,0,0,0,0" shapeBorderWidthUnit="MM" shapeDraw="0" shapeFillColor="255,255,255,255" shapeJoinStyle="64" shapeOffsetMapUnitScale="3x:0,0,0,0,0,0" shapeOffsetUnit="MM" shapeOffsetX="0" shapeOffsetY="0" shapeOpacity="1" shapeRadiiMapUnitScale="3x:0,0,0,0,0,0" shapeRadiiUnit="MM" shapeRadiiX="0" shapeRadiiY="0" shapeRotation="0" shapeRotationType="0" shapeSVGFile="" shapeSizeMapUnitScale="3x:0,0,0,0,0,0" shapeSizeType="0" shapeSizeUnit="MM" shapeSizeX="0" shapeSizeY="0" shapeType="0">
     <symbol alpha="1" clip_to_extent="1" force_rhr="0" name="fillSymbol" type="fill">
      <data_defined_properties>
       <Option type="Map">
        <Option name="name" type="QString" value=""></Option>
        <Option name="properties"></Option>
        <Option name="type" type="QString" value="collection"></Option>
       </Option>
      </data_defined_properties>
      <layer class="SimpleFill" enabled="1" locked="0" pass="0">
       <Option type="Map">
        <Option name="border_width_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="color" type="QString" value="255,255,255,255"></Option>
        <Option name="joinstyle" type="QString" value="bevel"></Option>
        <Option name="offset" type="QString" value="0,0"></Option>
        <Option name="offset_map_unit_scale" type="QString" value="3x:0,0,0,0,0,0"></Option>
        <Option name="offset_unit" type="QString" value="MM"></Option>
        <Option name="outline_color" type="QString" value="128,128,128,255"></Option>
        <Option name="outline_style" type="QString" value="no"></Option>
        <Option name="outline_width" type="QString" value="0"></Option>
        <Option name="outline_width_unit" type="QString" value="MM"></Option>
        <Option name="style" type="QString" value="solid"></Option>
       </Option>
       <prop k="border_width_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="color" v="255,255,255,255"></prop>
       <prop k="joinstyle" v="bevel"></prop>
       <prop k="offset" v="0,0"></prop>
       <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0"></prop>
       <prop k="offset_unit" v="MM"></prop>
       <prop k="outline_color" v="128,128,128,255"></prop>
       <prop k="outline_style" v="no"></prop>
       <prop k="outline_width" v="0"></prop>
       <prop k="outline_width_unit" v="MM"></prop>
       <prop k="style" v="solid"></prop>
       <data_defined_properties>
        <Option type="Map">
         <Option name="name" type="QString" value=""></Option>
         <Option name="properties"></Option>
         <Option name="type" type="QString" value="collection"></Option>
        </Option>
       </data_defined_properties>
      </layer>
     </symbol>
    </background>
    <shadow shadowBlendMode="6" shadowColor="0,0,0,255" shadowDraw="0" shadowOffsetAngle="135" shadowOffsetDist="1" shadowOffsetGlobal="1" shadowOffsetMapUnitScale="3x:0,0,0,0,0,0" shadowOffsetUnit="MM" shadowOpacity="0.69999999999999996" shadowRadius="1.5" shadowRadiusAlphaOnly="0" shadowRadiusMapUnitScale="3x:0,0,0,0,0,0" shadowRadiusUnit="MM" shadowScale="100" shadowUnder="0"></shadow>
    <dd_properties>
     <Option type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
    </dd_properties>
    <substitutions></substitutions>
   </text-style>
   <text-format addDirectionSymbol="0" autoWrapLength="0" decimals="3" formatNumbers="0" leftDirectionSymbol="&lt;" multilineAlign="3" placeDirectionSymbol="0" plussign="0" reverseDirectionSymbol="0" rightDirectionSymbol=">" useMaxLineLengthForAutoWrap="1" wrapChar=""></text-format>
   <placement centroidInside="1" centroidWhole="0" dist="0" distMapUnitScale="3x:0,0,0,0,0,0" distUnits="MM" fitInPolygonOnly="0" geometryGenerator="" geometryGeneratorEnabled="0" geometryGeneratorType="PointGeometry" labelOffsetMapUnitScale="3x:0,0,0,0,0,0" layerType="UnknownGeometry" lineAnchorClipping="0" lineAnchorPercent="0.5" lineAnchorType="0" maxCurvedCharAngleIn="25" maxCurvedCharAngleOut="-25" offsetType="0" offsetUnits="MM" overrunDistance="0" overrunDistanceMapUnitScale="3x:0,0,0,0,0,0" overrunDistanceUnit="MM" placement="1" placementFlags="10" polygonPlacementFlags="2" predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR" preserveRotation="1" priority="10" quadOffset="4" repeatDistance="0" repeatDistanceMapUnitScale="3x:0,0,0,0,0,0" repeatDistanceUnits="MM" rotationAngle="0" rotationUnit="AngleDegrees" xOffset="0" yOffset="0"></placement>
   <rendering displayAll="0" drawLabels="1" fontLimitPixelSize="0" fontMaxPixelSize="10000" fontMinPixelSize="0" labelPerPart="0" limitNumLabels="0" maxNumLabels="2000" mergeLines="0" minFeatureSize="0" obstacle="1" obstacleFactor="1" obstacleType="1" scaleMax="0" scaleMin="0" scaleVisibility="0" unplacedVisibility="0" upsidedownLabels="0" zIndex="0"></rendering>
   <dd_properties>
    <Option type="Map">
     <Option name="name" type="QString" value=""></Option>
     <Option name="properties"></Option>
     <Option name="type" type="QString" value="collection"></Option>
    </Option>
   </dd_properties>
   <callout type="simple">
    <Option type="Map">
     <Option name="anchorPoint" type="QString" value="pole_of_inaccessibility"></Option>
     <Option name="blendMode" type="int" value="0"></Option>
     <Option name="ddProperties" type="Map">
      <Option name="name" type="QString" value=""></Option>
      <Option name="properties"></Option>
      <Option name="type" type="QString" value="collection"></Option>
     </Option>
     <Option name="drawToAllParts" type="bool" value="false"></Option>
     <Option name="enabled" type="QString" value="0"></Option>
     <Option name="labelAnchorPoint" type="QString" value="point_on_exterior"></Option>
     <Option name="lineSymbol" type="QString" value="&lt;symbol alpha=&quot;1&quot; clip_to_extent=&quot;1&quot; force_rhr=&quot;0&quot; name=&quot;symbol&quot; type=&quot;line&quot;>&lt;data_defined_properties>&lt;Option type=&quot;Map&quot;>&lt;Option name=&quot;name&quot; type=&quot;QString&quot; value=&quot;&quot;>&lt;/Option>&lt;Option name=&quot;properties&quot;>&lt;/Option>&lt;Option name=&quot;type&quot; type=&quot;QString&quot; value=&quot;collection&quot;>&lt;/Option>&lt;/Option>&lt;/data_defined_properties>&lt;layer class=&quot;SimpleLine&quot; enabled=&quot;1&quot; locked=&quot;0&quot; pass=&quot;0&quot;>&lt;Option type=&quot;Map&quot;>&lt;Option name=&quot;align_dash_pattern&quot; type=&quot;QString&quot; value=&quot;0&quot;>&lt;/Option>&lt;Option name=&quot;capstyle&quot; type=&quot;QString&quot; value=&quot;square&quot;>&lt;/Option>&lt;Option name=&quot;customdash&quot; type=&quot;QString&quot; value=&quot;5;2&quot;>&lt;/Option>&lt;Option name=&quot;customdash_map_unit_scale&quot; type=&quot;QString&quot; value=&quot;3x:0,0,0,0,0,0&quot;>&lt;/Option>&lt;Option name=&quot;customdash_unit&quot; type=&quot;QString&quot; value=&quot;MM&quot;>&lt;/Option>&lt;Option name=&quot;dash_pattern_offset&quot; type=&quot;QString&quot; value=&quot;0&quot;>&lt;/Option>&lt;Option name=&quot;dash_pattern_offset_map_unit_scale&quot; type=&quot;QString&quot; value=&quot;3x:0,0,0,0,0,0&quot;>&lt;/Option>&lt;Option name=&quot;dash_pattern_offset_unit&quot; type=&quot;QString&quot; value=&quot;MM&quot;>&lt;/Option>&lt;Option name=&quot;draw_inside_polygon&quot; type=&quot;QString&quot; value=&quot;0&quot;>&lt;/Option>&lt;Option name=&quot;joinstyle&quot; type=&quot;QString&quot; value=&quot;bevel&quot;>&lt;/Option>&lt;Option name=&quot;line_color&quot; type=&quot;QString&quot; value=&quot;60,60,60,255&quot;>&lt;/Option>&lt;Option name=&quot;line_style&quot; type=&quot;QString&quot; value=&quot;solid&quot;>&lt;/Option>&lt;Option name=&quot;line_width&quot; type=&quot;QString&quot; value=&quot;0.3&quot;>&lt;/Option>&lt;Option name=&quot;line_width_unit&quot; type=&quot;QString&quot; value=&quot;MM&quot;>&lt;/Option>&lt;Option name=&quot;offset&quot; type=&quot;QString&quot; value=&quot;0&quot;>&lt;/Option>&lt;Option name=&quot;offset_map_unit_scale&quot; type=&quot;QString&quot; value=&quot;3x:0,0,0,0,0,0&quot;>&lt;/Option>&lt;Option name=&quot;offset_unit&quot; type=&quot;QString&quot; value=&quot;MM&quot;>&lt;/Option>&lt;Option name=&quot;ring_filter&quot; type=&quot;QString&quot; value=&quot;0&quot;>&lt;/Option>&lt;Option name=&quot;trim_distance_end&quot; type=&quot;QString&quot; value=&quot;0&quot;>&lt;/Option>&lt;Option name=&quot;trim_distance_end_map_unit_scale&quot; type=&quot;QString&quot; value=&quot;3x:0,0,0,0,0,0&quot;>&lt;/Option>&lt;Option name=&quot;trim_distance_end_unit&quot; type=&quot;QString&quot; value=&quot;MM&quot;>&lt;/Option>&lt;Option name=&quot;trim_distance_start&quot; type=&quot;QString&quot; value=&quot;0&quot;>&lt;/Option>&lt;Option name=&quot;trim_distance_start_map_unit_scale&quot; type=&quot;QString&quot; value=&quot;3x:0,0,0,0,0,0&quot;>&lt;/Option>&lt;Option name=&quot;trim_distance_start_unit&quot; type=&quot;QString&quot; value=&quot;MM&quot;>&lt;/Option>&lt;Option name=&quot;tweak_dash_pattern_on_corners&quot; type=&quot;QString&quot; value=&quot;0&quot;>&lt;/Option>&lt;Option name=&quot;use_custom_dash&quot; type=&quot;QString&quot; value=&quot;0&quot;>&lt;/Option>&lt;Option name=&quot;width_map_unit_scale&quot; type=&quot;QString&quot; value=&quot;3x:0,0,0,0,0,0&quot;>&lt;/Option>&lt;/Option>&lt;prop k=&quot;align_dash_pattern&quot; v=&quot;0&quot;>&lt;/prop>&lt;prop k=&quot;capstyle&quot; v=&quot;square&quot;>&lt;/prop>&lt;prop k=&quot;customdash&quot; v=&quot;5;2&quot;>&lt;/prop>&lt;prop k=&quot;customdash_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;>&lt;/prop>&lt;prop k=&quot;customdash_unit&quot; v=&quot;MM&quot;>&lt;/prop>&lt;prop k=&quot;dash_pattern_offset&quot; v=&quot;0&quot;>&lt;/prop>&lt;prop k=&quot;dash_pattern_offset_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;>&lt;/prop>&lt;prop k=&quot;dash_pattern_offset_unit&quot; v=&quot;MM&quot;>&lt;/prop>&lt;prop k=&quot;draw_inside_polygon&quot; v=&quot;0&quot;>&lt;/prop>&lt;prop k=&quot;joinstyle&quot; v=&quot;bevel&quot;>&lt;/prop>&lt;prop k=&quot;line_color&quot; v=&quot;60,60,60,255&quot;>&lt;/prop>&lt;prop k=&quot;line_style&quot; v=&quot;solid&quot;>&lt;/prop>&lt;prop k=&quot;line_width&quot; v=&quot;0.3&quot;>&lt;/prop>&lt;prop k=&quot;line_width_unit&quot; v=&quot;MM&quot;>&lt;/prop>&lt;prop k=&quot;offset&quot; v=&quot;0&quot;>&lt;/prop>&lt;prop k=&quot;offset_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;>&lt;/prop>&lt;prop k=&quot;offset_unit&quot; v=&quot;MM&quot;>&lt;/prop>&lt;prop k=&quot;ring_filter&quot; v=&quot;0&quot;>&lt;/prop>&lt;prop k=&quot;trim_distance_end&quot; v=&quot;0&quot;>&lt;/prop>&lt;prop k=&quot;trim_distance_end_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;>&lt;/prop>&lt;prop k=&quot;trim_distance_end_unit&quot; v=&quot;MM&quot;>&lt;/prop>&lt;prop k=&quot;trim_distance_start&quot; v=&quot;0&quot;>&lt;/prop>&lt;prop k=&quot;trim_distance_start_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;>&lt;/prop>&lt;prop k=&quot;trim_distance_start_unit&quot; v=&quot;MM&quot;>&lt;/prop>&lt;prop k=&quot;tweak_dash_pattern_on_corners&quot; v=&quot;0&quot;>&lt;/prop>&lt;prop k=&quot;use_custom_dash&quot; v=&quot;0&quot;>&lt;/prop>&lt;prop k=&quot;width_map_unit_scale&quot; v=&quot;3x:0,0,0,0,0,0&quot;>&lt;/prop>&lt;data_defined_properties>&lt;Option type=&quot;Map&quot;>&lt;Option name=&quot;name&quot; type=&quot;QString&quot; value=&quot;&quot;>&lt;/Option>&lt;Option name=&quot;properties&quot;>&lt;/Option>&lt;Option name=&quot;type&quot; type=&quot;QString&quot; value=&quot;collection&quot;>&lt;/Option>&lt;/Option>&lt;/data_defined_properties>&lt;/layer>&lt;/symbol>"></Option>
     <Option name="minLength" type="double" value="0"></Option>
     <Option name="minLengthMapUnitScale" type="QString" value="3x:0,0,0,0,0,0"></Option>
     <Option name="minLengthUnit" type="QString" value="MM"></Option>
     <Option name="offsetFromAnchor" type="double" value="0"></Option>
     <Option name="offsetFromAnchorMapUnitScale" type="QString" value="3x:0,0,0,0,0,0"></Option>
     <Option name="offsetFromAnchorUnit" type="QString" value="MM"></Option>
     <Option name="offsetFromLabel" type="double" value="0"></Option>
     <Option name="offsetFromLabelMapUnitScale" type="QString" value="3x:0,0,0,0,0,0"></Option>
     <Option name="offsetFromLabelUnit" type="QString" value="MM"></Option>
    </Option>
   </callout>
  </settings>
 </labeling>
 <blendMode>0</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>1</layerOpacity>
 <layerGeometryType>2</layerGeometryType>
</qgis>
