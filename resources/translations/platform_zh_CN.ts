<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>PasswordField</name>
    <message>
        <source>&amp;Forget stored password</source>
        <translation>忘记已保存的密码(&amp;F)</translation>
    </message>
    <message>
        <source>Remove this account&apos;s password from the OS keyring now</source>
        <translation>立即从系统密钥环中删除此账户的密码</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored password</source>
        <translation>留空则保留已保存的密码</translation>
    </message>
    <message>
        <source>Used for this session only</source>
        <translation>仅用于本次会话</translation>
    </message>
    <message>
        <source>Kept for this session only</source>
        <translation>仅在本次会话中保留</translation>
    </message>
    <message>
        <source>None kept: the OS keyring is not available</source>
        <translation>未保存：系统密钥环不可用</translation>
    </message>
    <message>
        <source>Unknown: {reason}</source>
        <translation>未知：{reason}</translation>
    </message>
    <message>
        <source>Stored in the OS keyring</source>
        <translation>已保存在系统密钥环中</translation>
    </message>
    <message>
        <source>None stored</source>
        <translation>未保存密码</translation>
    </message>
    <message>
        <source>Stored password forgotten</source>
        <translation>已删除保存的密码</translation>
    </message>
    <message>
        <source>None was stored</source>
        <translation>原本就没有保存密码</translation>
    </message>
</context>
<context>
    <name>PasswordPrompt</name>
    <message>
        <source>Password for {username} at {registrar}:</source>
        <translation>{username} 在 {registrar} 的密码：</translation>
    </message>
    <message>
        <source>SIP password</source>
        <translation>SIP 密码</translation>
    </message>
    <message>
        <source>Your database password for {url}:</source>
        <translation>您在 {url} 的数据库密码：</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>数据库密码</translation>
    </message>
    <message>
        <source>Password kept for this session only</source>
        <translation>密码仅在本次会话中保留</translation>
    </message>
    <message>
        <source>Passwords cannot be kept in the OS keyring: {reason}. It will be asked again next time.</source>
        <translation>无法将密码保存在系统密钥环中：{reason}。下次还会再询问密码。</translation>
    </message>
</context>
<context>
    <name>Regions</name>
    <message>
        <source>Ascension Island</source>
        <translation>阿森松岛</translation>
    </message>
    <message>
        <source>Andorra</source>
        <translation>安道尔</translation>
    </message>
    <message>
        <source>United Arab Emirates</source>
        <translation>阿拉伯联合酋长国</translation>
    </message>
    <message>
        <source>Afghanistan</source>
        <translation>阿富汗</translation>
    </message>
    <message>
        <source>Antigua and Barbuda</source>
        <translation>安提瓜和巴布达</translation>
    </message>
    <message>
        <source>Anguilla</source>
        <translation>安圭拉</translation>
    </message>
    <message>
        <source>Albania</source>
        <translation>阿尔巴尼亚</translation>
    </message>
    <message>
        <source>Armenia</source>
        <translation>亚美尼亚</translation>
    </message>
    <message>
        <source>Angola</source>
        <translation>安哥拉</translation>
    </message>
    <message>
        <source>Argentina</source>
        <translation>阿根廷</translation>
    </message>
    <message>
        <source>American Samoa</source>
        <translation>美属萨摩亚</translation>
    </message>
    <message>
        <source>Austria</source>
        <translation>奥地利</translation>
    </message>
    <message>
        <source>Australia</source>
        <translation>澳大利亚</translation>
    </message>
    <message>
        <source>Aruba</source>
        <translation>阿鲁巴</translation>
    </message>
    <message>
        <source>Åland Islands</source>
        <translation>奥兰群岛</translation>
    </message>
    <message>
        <source>Azerbaijan</source>
        <translation>阿塞拜疆</translation>
    </message>
    <message>
        <source>Bosnia and Herzegovina</source>
        <translation>波斯尼亚和黑塞哥维那</translation>
    </message>
    <message>
        <source>Barbados</source>
        <translation>巴巴多斯</translation>
    </message>
    <message>
        <source>Bangladesh</source>
        <translation>孟加拉国</translation>
    </message>
    <message>
        <source>Belgium</source>
        <translation>比利时</translation>
    </message>
    <message>
        <source>Burkina Faso</source>
        <translation>布基纳法索</translation>
    </message>
    <message>
        <source>Bulgaria</source>
        <translation>保加利亚</translation>
    </message>
    <message>
        <source>Bahrain</source>
        <translation>巴林</translation>
    </message>
    <message>
        <source>Burundi</source>
        <translation>布隆迪</translation>
    </message>
    <message>
        <source>Benin</source>
        <translation>贝宁</translation>
    </message>
    <message>
        <source>St. Barthélemy</source>
        <translation>圣巴泰勒米</translation>
    </message>
    <message>
        <source>Bermuda</source>
        <translation>百慕大</translation>
    </message>
    <message>
        <source>Brunei</source>
        <translation>文莱</translation>
    </message>
    <message>
        <source>Bolivia</source>
        <translation>玻利维亚</translation>
    </message>
    <message>
        <source>Caribbean Netherlands</source>
        <translation>荷属加勒比区</translation>
    </message>
    <message>
        <source>Brazil</source>
        <translation>巴西</translation>
    </message>
    <message>
        <source>Bahamas</source>
        <translation>巴哈马</translation>
    </message>
    <message>
        <source>Bhutan</source>
        <translation>不丹</translation>
    </message>
    <message>
        <source>Botswana</source>
        <translation>博茨瓦纳</translation>
    </message>
    <message>
        <source>Belarus</source>
        <translation>白俄罗斯</translation>
    </message>
    <message>
        <source>Belize</source>
        <translation>伯利兹</translation>
    </message>
    <message>
        <source>Canada</source>
        <translation>加拿大</translation>
    </message>
    <message>
        <source>Cocos (Keeling) Islands</source>
        <translation>科科斯（基林）群岛</translation>
    </message>
    <message>
        <source>Congo - Kinshasa</source>
        <translation>刚果（金）</translation>
    </message>
    <message>
        <source>Central African Republic</source>
        <translation>中非共和国</translation>
    </message>
    <message>
        <source>Congo - Brazzaville</source>
        <translation>刚果（布）</translation>
    </message>
    <message>
        <source>Switzerland</source>
        <translation>瑞士</translation>
    </message>
    <message>
        <source>Côte d’Ivoire</source>
        <translation>科特迪瓦</translation>
    </message>
    <message>
        <source>Cook Islands</source>
        <translation>库克群岛</translation>
    </message>
    <message>
        <source>Chile</source>
        <translation>智利</translation>
    </message>
    <message>
        <source>Cameroon</source>
        <translation>喀麦隆</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <source>Colombia</source>
        <translation>哥伦比亚</translation>
    </message>
    <message>
        <source>Costa Rica</source>
        <translation>哥斯达黎加</translation>
    </message>
    <message>
        <source>Cuba</source>
        <translation>古巴</translation>
    </message>
    <message>
        <source>Cape Verde</source>
        <translation>佛得角</translation>
    </message>
    <message>
        <source>Curaçao</source>
        <translation>库拉索</translation>
    </message>
    <message>
        <source>Christmas Island</source>
        <translation>圣诞岛</translation>
    </message>
    <message>
        <source>Cyprus</source>
        <translation>塞浦路斯</translation>
    </message>
    <message>
        <source>Czechia</source>
        <translation>捷克</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>德国</translation>
    </message>
    <message>
        <source>Djibouti</source>
        <translation>吉布提</translation>
    </message>
    <message>
        <source>Denmark</source>
        <translation>丹麦</translation>
    </message>
    <message>
        <source>Dominica</source>
        <translation>多米尼克</translation>
    </message>
    <message>
        <source>Dominican Republic</source>
        <translation>多米尼加共和国</translation>
    </message>
    <message>
        <source>Algeria</source>
        <translation>阿尔及利亚</translation>
    </message>
    <message>
        <source>Ecuador</source>
        <translation>厄瓜多尔</translation>
    </message>
    <message>
        <source>Estonia</source>
        <translation>爱沙尼亚</translation>
    </message>
    <message>
        <source>Egypt</source>
        <translation>埃及</translation>
    </message>
    <message>
        <source>Western Sahara</source>
        <translation>西撒哈拉</translation>
    </message>
    <message>
        <source>Eritrea</source>
        <translation>厄立特里亚</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>西班牙</translation>
    </message>
    <message>
        <source>Ethiopia</source>
        <translation>埃塞俄比亚</translation>
    </message>
    <message>
        <source>Finland</source>
        <translation>芬兰</translation>
    </message>
    <message>
        <source>Fiji</source>
        <translation>斐济</translation>
    </message>
    <message>
        <source>Falkland Islands</source>
        <translation>福克兰群岛</translation>
    </message>
    <message>
        <source>Micronesia</source>
        <translation>密克罗尼西亚</translation>
    </message>
    <message>
        <source>Faroe Islands</source>
        <translation>法罗群岛</translation>
    </message>
    <message>
        <source>France</source>
        <translation>法国</translation>
    </message>
    <message>
        <source>Gabon</source>
        <translation>加蓬</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <source>Grenada</source>
        <translation>格林纳达</translation>
    </message>
    <message>
        <source>Georgia</source>
        <translation>格鲁吉亚</translation>
    </message>
    <message>
        <source>French Guiana</source>
        <translation>法属圭亚那</translation>
    </message>
    <message>
        <source>Guernsey</source>
        <translation>根西岛</translation>
    </message>
    <message>
        <source>Ghana</source>
        <translation>加纳</translation>
    </message>
    <message>
        <source>Gibraltar</source>
        <translation>直布罗陀</translation>
    </message>
    <message>
        <source>Greenland</source>
        <translation>格陵兰</translation>
    </message>
    <message>
        <source>Gambia</source>
        <translation>冈比亚</translation>
    </message>
    <message>
        <source>Guinea</source>
        <translation>几内亚</translation>
    </message>
    <message>
        <source>Guadeloupe</source>
        <translation>瓜德罗普</translation>
    </message>
    <message>
        <source>Equatorial Guinea</source>
        <translation>赤道几内亚</translation>
    </message>
    <message>
        <source>Greece</source>
        <translation>希腊</translation>
    </message>
    <message>
        <source>Guatemala</source>
        <translation>危地马拉</translation>
    </message>
    <message>
        <source>Guam</source>
        <translation>关岛</translation>
    </message>
    <message>
        <source>Guinea-Bissau</source>
        <translation>几内亚比绍</translation>
    </message>
    <message>
        <source>Guyana</source>
        <translation>圭亚那</translation>
    </message>
    <message>
        <source>Hong Kong SAR China</source>
        <translation>中国香港特别行政区</translation>
    </message>
    <message>
        <source>Honduras</source>
        <translation>洪都拉斯</translation>
    </message>
    <message>
        <source>Croatia</source>
        <translation>克罗地亚</translation>
    </message>
    <message>
        <source>Haiti</source>
        <translation>海地</translation>
    </message>
    <message>
        <source>Hungary</source>
        <translation>匈牙利</translation>
    </message>
    <message>
        <source>Indonesia</source>
        <translation>印度尼西亚</translation>
    </message>
    <message>
        <source>Ireland</source>
        <translation>爱尔兰</translation>
    </message>
    <message>
        <source>Israel</source>
        <translation>以色列</translation>
    </message>
    <message>
        <source>Isle of Man</source>
        <translation>马恩岛</translation>
    </message>
    <message>
        <source>India</source>
        <translation>印度</translation>
    </message>
    <message>
        <source>British Indian Ocean Territory</source>
        <translation>英属印度洋领地</translation>
    </message>
    <message>
        <source>Iraq</source>
        <translation>伊拉克</translation>
    </message>
    <message>
        <source>Iran</source>
        <translation>伊朗</translation>
    </message>
    <message>
        <source>Iceland</source>
        <translation>冰岛</translation>
    </message>
    <message>
        <source>Italy</source>
        <translation>意大利</translation>
    </message>
    <message>
        <source>Jersey</source>
        <translation>泽西岛</translation>
    </message>
    <message>
        <source>Jamaica</source>
        <translation>牙买加</translation>
    </message>
    <message>
        <source>Jordan</source>
        <translation>约旦</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>Kenya</source>
        <translation>肯尼亚</translation>
    </message>
    <message>
        <source>Kyrgyzstan</source>
        <translation>吉尔吉斯斯坦</translation>
    </message>
    <message>
        <source>Cambodia</source>
        <translation>柬埔寨</translation>
    </message>
    <message>
        <source>Kiribati</source>
        <translation>基里巴斯</translation>
    </message>
    <message>
        <source>Comoros</source>
        <translation>科摩罗</translation>
    </message>
    <message>
        <source>St. Kitts and Nevis</source>
        <translation>圣基茨和尼维斯</translation>
    </message>
    <message>
        <source>North Korea</source>
        <translation>朝鲜</translation>
    </message>
    <message>
        <source>South Korea</source>
        <translation>韩国</translation>
    </message>
    <message>
        <source>Kuwait</source>
        <translation>科威特</translation>
    </message>
    <message>
        <source>Cayman Islands</source>
        <translation>开曼群岛</translation>
    </message>
    <message>
        <source>Kazakhstan</source>
        <translation>哈萨克斯坦</translation>
    </message>
    <message>
        <source>Laos</source>
        <translation>老挝</translation>
    </message>
    <message>
        <source>Lebanon</source>
        <translation>黎巴嫩</translation>
    </message>
    <message>
        <source>St. Lucia</source>
        <translation>圣卢西亚</translation>
    </message>
    <message>
        <source>Liechtenstein</source>
        <translation>列支敦士登</translation>
    </message>
    <message>
        <source>Sri Lanka</source>
        <translation>斯里兰卡</translation>
    </message>
    <message>
        <source>Liberia</source>
        <translation>利比里亚</translation>
    </message>
    <message>
        <source>Lesotho</source>
        <translation>莱索托</translation>
    </message>
    <message>
        <source>Lithuania</source>
        <translation>立陶宛</translation>
    </message>
    <message>
        <source>Luxembourg</source>
        <translation>卢森堡</translation>
    </message>
    <message>
        <source>Latvia</source>
        <translation>拉脱维亚</translation>
    </message>
    <message>
        <source>Libya</source>
        <translation>利比亚</translation>
    </message>
    <message>
        <source>Morocco</source>
        <translation>摩洛哥</translation>
    </message>
    <message>
        <source>Monaco</source>
        <translation>摩纳哥</translation>
    </message>
    <message>
        <source>Moldova</source>
        <translation>摩尔多瓦</translation>
    </message>
    <message>
        <source>Montenegro</source>
        <translation>黑山</translation>
    </message>
    <message>
        <source>St. Martin</source>
        <translation>法属圣马丁</translation>
    </message>
    <message>
        <source>Madagascar</source>
        <translation>马达加斯加</translation>
    </message>
    <message>
        <source>Marshall Islands</source>
        <translation>马绍尔群岛</translation>
    </message>
    <message>
        <source>North Macedonia</source>
        <translation>北马其顿</translation>
    </message>
    <message>
        <source>Mali</source>
        <translation>马里</translation>
    </message>
    <message>
        <source>Myanmar (Burma)</source>
        <translation>缅甸</translation>
    </message>
    <message>
        <source>Mongolia</source>
        <translation>蒙古</translation>
    </message>
    <message>
        <source>Macao SAR China</source>
        <translation>中国澳门特别行政区</translation>
    </message>
    <message>
        <source>Northern Mariana Islands</source>
        <translation>北马里亚纳群岛</translation>
    </message>
    <message>
        <source>Martinique</source>
        <translation>马提尼克</translation>
    </message>
    <message>
        <source>Mauritania</source>
        <translation>毛里塔尼亚</translation>
    </message>
    <message>
        <source>Montserrat</source>
        <translation>蒙特塞拉特</translation>
    </message>
    <message>
        <source>Malta</source>
        <translation>马耳他</translation>
    </message>
    <message>
        <source>Mauritius</source>
        <translation>毛里求斯</translation>
    </message>
    <message>
        <source>Maldives</source>
        <translation>马尔代夫</translation>
    </message>
    <message>
        <source>Malawi</source>
        <translation>马拉维</translation>
    </message>
    <message>
        <source>Mexico</source>
        <translation>墨西哥</translation>
    </message>
    <message>
        <source>Malaysia</source>
        <translation>马来西亚</translation>
    </message>
    <message>
        <source>Mozambique</source>
        <translation>莫桑比克</translation>
    </message>
    <message>
        <source>Namibia</source>
        <translation>纳米比亚</translation>
    </message>
    <message>
        <source>New Caledonia</source>
        <translation>新喀里多尼亚</translation>
    </message>
    <message>
        <source>Niger</source>
        <translation>尼日尔</translation>
    </message>
    <message>
        <source>Norfolk Island</source>
        <translation>诺福克岛</translation>
    </message>
    <message>
        <source>Nigeria</source>
        <translation>尼日利亚</translation>
    </message>
    <message>
        <source>Nicaragua</source>
        <translation>尼加拉瓜</translation>
    </message>
    <message>
        <source>Netherlands</source>
        <translation>荷兰</translation>
    </message>
    <message>
        <source>Norway</source>
        <translation>挪威</translation>
    </message>
    <message>
        <source>Nepal</source>
        <translation>尼泊尔</translation>
    </message>
    <message>
        <source>Nauru</source>
        <translation>瑙鲁</translation>
    </message>
    <message>
        <source>Niue</source>
        <translation>纽埃</translation>
    </message>
    <message>
        <source>New Zealand</source>
        <translation>新西兰</translation>
    </message>
    <message>
        <source>Oman</source>
        <translation>阿曼</translation>
    </message>
    <message>
        <source>Panama</source>
        <translation>巴拿马</translation>
    </message>
    <message>
        <source>Peru</source>
        <translation>秘鲁</translation>
    </message>
    <message>
        <source>French Polynesia</source>
        <translation>法属波利尼西亚</translation>
    </message>
    <message>
        <source>Papua New Guinea</source>
        <translation>巴布亚新几内亚</translation>
    </message>
    <message>
        <source>Philippines</source>
        <translation>菲律宾</translation>
    </message>
    <message>
        <source>Pakistan</source>
        <translation>巴基斯坦</translation>
    </message>
    <message>
        <source>Poland</source>
        <translation>波兰</translation>
    </message>
    <message>
        <source>St. Pierre and Miquelon</source>
        <translation>圣皮埃尔和密克隆群岛</translation>
    </message>
    <message>
        <source>Puerto Rico</source>
        <translation>波多黎各</translation>
    </message>
    <message>
        <source>Palestinian Territories</source>
        <translation>巴勒斯坦领土</translation>
    </message>
    <message>
        <source>Portugal</source>
        <translation>葡萄牙</translation>
    </message>
    <message>
        <source>Palau</source>
        <translation>帕劳</translation>
    </message>
    <message>
        <source>Paraguay</source>
        <translation>巴拉圭</translation>
    </message>
    <message>
        <source>Qatar</source>
        <translation>卡塔尔</translation>
    </message>
    <message>
        <source>Réunion</source>
        <translation>留尼汪</translation>
    </message>
    <message>
        <source>Romania</source>
        <translation>罗马尼亚</translation>
    </message>
    <message>
        <source>Serbia</source>
        <translation>塞尔维亚</translation>
    </message>
    <message>
        <source>Russia</source>
        <translation>俄罗斯</translation>
    </message>
    <message>
        <source>Rwanda</source>
        <translation>卢旺达</translation>
    </message>
    <message>
        <source>Saudi Arabia</source>
        <translation>沙特阿拉伯</translation>
    </message>
    <message>
        <source>Solomon Islands</source>
        <translation>所罗门群岛</translation>
    </message>
    <message>
        <source>Seychelles</source>
        <translation>塞舌尔</translation>
    </message>
    <message>
        <source>Sudan</source>
        <translation>苏丹</translation>
    </message>
    <message>
        <source>Sweden</source>
        <translation>瑞典</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>St. Helena</source>
        <translation>圣赫勒拿</translation>
    </message>
    <message>
        <source>Slovenia</source>
        <translation>斯洛文尼亚</translation>
    </message>
    <message>
        <source>Svalbard and Jan Mayen</source>
        <translation>斯瓦尔巴和扬马延</translation>
    </message>
    <message>
        <source>Slovakia</source>
        <translation>斯洛伐克</translation>
    </message>
    <message>
        <source>Sierra Leone</source>
        <translation>塞拉利昂</translation>
    </message>
    <message>
        <source>San Marino</source>
        <translation>圣马力诺</translation>
    </message>
    <message>
        <source>Senegal</source>
        <translation>塞内加尔</translation>
    </message>
    <message>
        <source>Somalia</source>
        <translation>索马里</translation>
    </message>
    <message>
        <source>Suriname</source>
        <translation>苏里南</translation>
    </message>
    <message>
        <source>South Sudan</source>
        <translation>南苏丹</translation>
    </message>
    <message>
        <source>São Tomé and Príncipe</source>
        <translation>圣多美和普林西比</translation>
    </message>
    <message>
        <source>El Salvador</source>
        <translation>萨尔瓦多</translation>
    </message>
    <message>
        <source>Sint Maarten</source>
        <translation>荷属圣马丁</translation>
    </message>
    <message>
        <source>Syria</source>
        <translation>叙利亚</translation>
    </message>
    <message>
        <source>Eswatini</source>
        <translation>斯威士兰</translation>
    </message>
    <message>
        <source>Tristan da Cunha</source>
        <translation>特里斯坦-达库尼亚群岛</translation>
    </message>
    <message>
        <source>Turks and Caicos Islands</source>
        <translation>特克斯和凯科斯群岛</translation>
    </message>
    <message>
        <source>Chad</source>
        <translation>乍得</translation>
    </message>
    <message>
        <source>Togo</source>
        <translation>多哥</translation>
    </message>
    <message>
        <source>Thailand</source>
        <translation>泰国</translation>
    </message>
    <message>
        <source>Tajikistan</source>
        <translation>塔吉克斯坦</translation>
    </message>
    <message>
        <source>Tokelau</source>
        <translation>托克劳</translation>
    </message>
    <message>
        <source>Timor-Leste</source>
        <translation>东帝汶</translation>
    </message>
    <message>
        <source>Turkmenistan</source>
        <translation>土库曼斯坦</translation>
    </message>
    <message>
        <source>Tunisia</source>
        <translation>突尼斯</translation>
    </message>
    <message>
        <source>Tonga</source>
        <translation>汤加</translation>
    </message>
    <message>
        <source>Türkiye</source>
        <translation>土耳其</translation>
    </message>
    <message>
        <source>Trinidad and Tobago</source>
        <translation>特立尼达和多巴哥</translation>
    </message>
    <message>
        <source>Tuvalu</source>
        <translation>图瓦卢</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>中国台湾</translation>
    </message>
    <message>
        <source>Tanzania</source>
        <translation>坦桑尼亚</translation>
    </message>
    <message>
        <source>Ukraine</source>
        <translation>乌克兰</translation>
    </message>
    <message>
        <source>Uganda</source>
        <translation>乌干达</translation>
    </message>
    <message>
        <source>United States</source>
        <translation>美国</translation>
    </message>
    <message>
        <source>Uruguay</source>
        <translation>乌拉圭</translation>
    </message>
    <message>
        <source>Uzbekistan</source>
        <translation>乌兹别克斯坦</translation>
    </message>
    <message>
        <source>Vatican City</source>
        <translation>梵蒂冈</translation>
    </message>
    <message>
        <source>St. Vincent and Grenadines</source>
        <translation>圣文森特和格林纳丁斯</translation>
    </message>
    <message>
        <source>Venezuela</source>
        <translation>委内瑞拉</translation>
    </message>
    <message>
        <source>British Virgin Islands</source>
        <translation>英属维尔京群岛</translation>
    </message>
    <message>
        <source>U.S. Virgin Islands</source>
        <translation>美属维尔京群岛</translation>
    </message>
    <message>
        <source>Vietnam</source>
        <translation>越南</translation>
    </message>
    <message>
        <source>Vanuatu</source>
        <translation>瓦努阿图</translation>
    </message>
    <message>
        <source>Wallis and Futuna</source>
        <translation>瓦利斯和富图纳</translation>
    </message>
    <message>
        <source>Samoa</source>
        <translation>萨摩亚</translation>
    </message>
    <message>
        <source>Kosovo</source>
        <translation>科索沃</translation>
    </message>
    <message>
        <source>Yemen</source>
        <translation>也门</translation>
    </message>
    <message>
        <source>Mayotte</source>
        <translation>马约特</translation>
    </message>
    <message>
        <source>South Africa</source>
        <translation>南非</translation>
    </message>
    <message>
        <source>Zambia</source>
        <translation>赞比亚</translation>
    </message>
    <message>
        <source>Zimbabwe</source>
        <translation>津巴布韦</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>TLS (encrypted signalling)</source>
        <translation>TLS（加密信令）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>SIP &amp;account</source>
        <translation>SIP 账户(&amp;A)</translation>
    </message>
    <message>
        <source>Au&amp;dio</source>
        <translation>音频(&amp;D)</translation>
    </message>
    <message>
        <source>D&amp;esk</source>
        <translation>坐席台(&amp;E)</translation>
    </message>
    <message>
        <source>Shared data&amp;base</source>
        <translation>共享数据库(&amp;B)</translation>
    </message>
    <message>
        <source>pbx.example.com:5060</source>
        <translation>主机名[:端口]</translation>
    </message>
    <message>
        <source>The registrar&apos;s host when empty</source>
        <translation>留空时使用注册服务器的主机名</translation>
    </message>
    <message>
        <source>The name callers and colleagues see</source>
        <translation>来电者和同事看到的名字</translation>
    </message>
    <message>
        <source>&amp;Registrar:</source>
        <translation>注册服务器(&amp;R)：</translation>
    </message>
    <message>
        <source>Registrar</source>
        <translation>注册服务器</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Do&amp;main:</source>
        <translation>域(&amp;M)：</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>域</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>传输协议(&amp;T)：</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输协议</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>显示名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Where the ring tone plays, e.g. the PC&apos;s speakers</source>
        <translation>铃声在哪个设备上播放，例如电脑的扬声器</translation>
    </message>
    <message>
        <source>&amp;Output (calls):</source>
        <translation>输出（通话）(&amp;O)：</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出设备</translation>
    </message>
    <message>
        <source>&amp;Input (microphone):</source>
        <translation>输入（麦克风）(&amp;I)：</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入设备</translation>
    </message>
    <message>
        <source>&amp;Ring on:</source>
        <translation>响铃设备(&amp;R)：</translation>
    </message>
    <message>
        <source>Ring device</source>
        <translation>响铃设备</translation>
    </message>
    <message>
        <source>How numbers without a country code are read; type a name or an ISO code</source>
        <translation>不带国家代码的号码按哪个地区解读；可输入地区名称或两位字母的地区代码</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Time after each call to finish the log; 0 for none</source>
        <translation>每通电话结束后用于填写记录的时间；0 表示不进行话后处理</translation>
    </message>
    <message>
        <source>Default &amp;region:</source>
        <translation>默认地区(&amp;R)：</translation>
    </message>
    <message>
        <source>Default region</source>
        <translation>默认地区</translation>
    </message>
    <message>
        <source>&amp;Wrap-up time:</source>
        <translation>话后处理时长(&amp;W)：</translation>
    </message>
    <message>
        <source>Wrap-up time</source>
        <translation>话后处理时长</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language of the desk&apos;s windows; it changes as soon as you save</source>
        <translation>座席窗口的语言；保存后立即生效</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Empty: a SQLite file beside the config</source>
        <translation>留空：使用配置文件旁边的 SQLite 文件</translation>
    </message>
    <message>
        <source>For example {url}, without the password</source>
        <translation>例如 {url}，不含密码</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>服务器 URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>服务器 URL</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Leave the URL empty to work on this computer alone. For a shared PostgreSQL server, sign in as your own database role; the password is kept in the OS keyring, never in the file.</source>
        <translation>如果只在这台电脑上工作，请将 URL 留空。使用共享的 PostgreSQL 服务器时，请以您自己的数据库角色登录；密码保存在系统密钥环中，绝不会写入文件。</translation>
    </message>
    <message>
        <source>{error}. Fix or remove the file, then open Settings.</source>
        <translation>{error}。请修正或删除该文件，然后再打开设置。</translation>
    </message>
    <message>
        <source>{transport} (not supported)</source>
        <translation>{transport}（不支持）</translation>
    </message>
    <message>
        <source>held a password in the file; it was moved to the Password field and is kept out of the file when you save</source>
        <translation>文件中的服务器 URL 含有密码；密码已移到“密码”栏，保存时不会写入文件。</translation>
    </message>
    <message>
        <source>Settings saved. Passwords cannot be kept in the OS keyring: {reason}. A password typed here is used for this session only: it is never written to a file, and the desk asks for it again next time.</source>
        <translation>设置已保存。无法将密码保存在系统密钥环中：{reason}。在此输入的密码仅用于本次会话：它不会写入任何文件，下次启动时会再次询问。</translation>
    </message>
    <message>
        <source>Passwords cannot be kept in the OS keyring: {reason}. A password typed here is used for this session only: it is never written to a file, and the desk asks for it again next time.</source>
        <translation>无法将密码保存在系统密钥环中：{reason}。在此输入的密码仅用于本次会话：它不会写入任何文件，下次启动时会再次询问。</translation>
    </message>
    <message>
        <source>must be host or host:port, such as {example}</source>
        <translation>注册服务器必须写成“主机名”或“主机名:端口”，例如 {example}。</translation>
    </message>
    <message>
        <source>must not contain a password; type it in the Password field below, which keeps it in the OS keyring</source>
        <translation>服务器 URL 不能包含密码；请在下方的“密码”栏中输入，密码会保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>is kept under the account&apos;s username and registrar; enter both</source>
        <translation>密码按账户的用户名和注册服务器保存；请把这两项都填写。</translation>
    </message>
    <message>
        <source>is only used with a database server URL (PostgreSQL)</source>
        <translation>只有填写了数据库服务器 URL（PostgreSQL）时才会使用此密码。</translation>
    </message>
    <message>
        <source>{path}: cannot be written: {reason}</source>
        <translation>{path}：无法写入：{reason}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name}（未连接）</translation>
    </message>
</context>
</TS>
